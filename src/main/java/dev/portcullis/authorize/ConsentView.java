package dev.portcullis.authorize;

import java.util.List;
import java.util.Optional;

/**
 * What the consent page shows: who asks, for which workspace, for what, in plain words; with the
 * app's logo and policy links when it has them.
 */
public record ConsentView(String handle, String csrf, String appName, String developer, boolean selfRegistered,
                          String workspaceId, String workspaceName, List<ScopeLine> scopes, Optional<AppBranding> app) {

    public record ScopeLine(String name, String description) {}
}
