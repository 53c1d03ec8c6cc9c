package dev.portcullis.authorize;

import java.util.List;

/** The workspace picker: the user's workspaces as cards, to connect the app to exactly one. */
public record PickerView(String handle, String csrf, String appName, ConsentView.Account account, List<Choice> workspaces) {

    /** A workspace card: its name, its slug and the user's role there. */
    public record Choice(String id, String name, String slug, String role, boolean preselected) {}
}
