package dev.portcullis.authorize;

import java.util.List;

/** What the consent page shows: who asks, for which workspace, for what, in plain words. */
public record ConsentView(String handle, String csrf, String appName, String developer, boolean selfRegistered,
                          String workspaceId, String workspaceName, List<ScopeLine> scopes) {

    public record ScopeLine(String name, String description) {}
}
