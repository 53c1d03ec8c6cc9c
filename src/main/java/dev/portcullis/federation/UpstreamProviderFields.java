package dev.portcullis.federation;

import java.util.List;

/**
 * An upstream provider as operators write it in the setup file and in /manage/v1 (snake_case
 * JSON). On an update, absent fields keep their value; {@code client_secret} is write-only.
 */
public record UpstreamProviderFields(String id, String name, String issuer, String clientId, String clientSecret,
                                     List<String> scopes, List<String> allowedEmailDomains, AutoJoinFields autoJoin) {

    /** {@code role} defaults to member. */
    public record AutoJoinFields(String emailDomain, String workspace, String role) {}

    @Override
    public String toString() {
        return "UpstreamProviderFields[" + id + ", " + issuer + "]";
    }
}
