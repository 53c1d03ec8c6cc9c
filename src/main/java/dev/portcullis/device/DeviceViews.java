package dev.portcullis.device;

import java.util.List;
import java.util.Optional;

/** What the /device pages show; records, so the templates read plain values. */
public final class DeviceViews {
    private DeviceViews() {}

    /** The form where a person types the code their device shows; {@code error} when the last one was wrong. */
    public record Enter(String csrf, String userCode, Optional<String> error) {}

    /**
     * Consent for a device (RFC 8628 §5.4): which app, by whom, for what, into which workspace,
     * and that a device asked, with the code to compare against the device's screen.
     */
    public record Consent(String csrf, String userCode, String appName, String developer, boolean selfRegistered,
                          List<Workspace> workspaces, List<ScopeLine> scopes) {}

    public record Workspace(String id, String name, boolean preselected) {}

    public record ScopeLine(String name, String description) {}

    /** After the decision: the device may go on (or stop) by itself. */
    public record Done(String appName, boolean approved) {}
}
