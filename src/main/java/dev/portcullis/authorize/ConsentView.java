package dev.portcullis.authorize;

import java.util.List;
import java.util.Optional;

/**
 * What the consent page shows: who asks (and whether an operator or developer created the app or
 * it registered itself), who is signed in, for which workspace, for what in plain words, and
 * where the answer goes; with the app's logo and links when it has them.
 */
public record ConsentView(String handle, String csrf, String appName, String developer, boolean selfRegistered,
                          Account account, String workspaceId, String workspaceName, boolean otherWorkspaces,
                          String redirectHost, List<ScopeLine> scopes, Optional<AppBranding> app) {

    /** The signed-in person, so someone on a shared computer notices it is not them. */
    public record Account(String name, String email) {}

    /** One line of access: "Task: read and change", described by the scope catalogue, naming its scopes. */
    public record ScopeLine(String heading, String access, String description, List<String> names) {}

    /** Where "Choose another workspace" goes: back to the picker of the same request, this workspace preselected. */
    public String pickerUrl() {
        return AuthorizeEndpoint.CONTINUE + "?handle=" + handle + "&current=" + workspaceId;
    }
}
