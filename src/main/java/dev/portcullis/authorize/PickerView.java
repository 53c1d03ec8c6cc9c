package dev.portcullis.authorize;

import java.util.List;

/** The workspace picker: the user's workspaces, to connect the app to exactly one. */
public record PickerView(String handle, String csrf, String appName, List<Choice> workspaces) {

    public record Choice(String id, String name, boolean preselected) {}
}
