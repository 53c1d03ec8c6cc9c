package dev.portcullis.manage;

import dev.portcullis.exchange.TrustedIssuerFields;
import dev.portcullis.externallogin.LoginSettings;
import dev.portcullis.federation.UpstreamProviderFields;
import dev.portcullis.identity.ProfileChange;
import java.util.List;

/**
 * The declarative setup that {@code portcullis admin import} applies (README "Admin commands"). Every
 * section is optional; unknown fields are refused.
 */
public record SetupFile(List<UserEntry> users, List<WorkspaceEntry> workspaces, List<AppFields> apps,
                        List<ApiKeyEntry> apiKeys, List<ResourceEntry> resources, List<UpstreamProviderFields> upstreamProviders,
                        LoginSettings.Change externalLogin, List<TrustedIssuerFields> trustedIssuers,
                        List<ExchangeTargetEntry> tokenExchangeTargets, List<WebhookEntry> webhooks) {

    public SetupFile {
        users = users == null ? List.of() : users;
        workspaces = workspaces == null ? List.of() : workspaces;
        apps = apps == null ? List.of() : apps;
        apiKeys = apiKeys == null ? List.of() : apiKeys;
        resources = resources == null ? List.of() : resources;
        upstreamProviders = upstreamProviders == null ? List.of() : upstreamProviders;
        trustedIssuers = trustedIssuers == null ? List.of() : trustedIssuers;
        tokenExchangeTargets = tokenExchangeTargets == null ? List.of() : tokenExchangeTargets;
        webhooks = webhooks == null ? List.of() : webhooks;
    }

    /**
     * The profile claims are optional: absent ones are kept on a second import, empty ones cleared.
     * {@code given_name} and {@code family_name} are derived from the name until set.
     */
    public record UserEntry(String email, String name, String password, String givenName, String familyName, String middleName,
                            String nickname, String preferredUsername, String profile, String picture, String website,
                            String gender, String birthdate, String zoneinfo, String locale) {
        public ProfileChange profileChange() {
            return new ProfileChange(name, givenName, familyName, middleName, nickname, preferredUsername, profile, picture, website,
                    gender, birthdate, zoneinfo, locale);
        }
    }

    public record WorkspaceEntry(String slug, String name, List<MemberEntry> members) {
        public WorkspaceEntry {
            members = members == null ? List.of() : members;
        }
    }

    public record MemberEntry(String email, String role) {}

    /** Matched on a second import by workspace and name: an existing key is updated, never re-minted. */
    public record ApiKeyEntry(String workspace, String name, List<String> scopes, String expiresAt) {}

    public record ResourceEntry(String uri, String name, List<String> scopes) {}

    /** Matched on a second import by target_url and workspace (a slug; none for a global endpoint). */
    public record WebhookEntry(String workspace, String targetUrl, List<String> eventTypes, Boolean enabled) {}

    /** RFC 8693: every resource the app may exchange tokens for (the whole list). */
    public record ExchangeTargetEntry(String clientId, List<String> resources) {}
}
