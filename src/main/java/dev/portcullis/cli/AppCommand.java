package dev.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AppService;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.manage.AppFields;
import dev.portcullis.http.Json;
import dev.portcullis.manage.Views;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis admin app create}: an OAuth app; a confidential app's secret is printed once. */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Create apps (OAuth clients).")
final class AppCommand extends AdminGroup {
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an app owned by an existing user.")
    int create(@Option(names = "--name", required = true) String name,
               @Option(names = "--owner", required = true, description = "The owner's (developer's) email") String owner,
               @Option(names = "--redirect-uri", description = "Repeatable") List<String> redirectUris,
               @Option(names = "--scope", description = "Repeatable") List<String> scopes,
               @Option(names = "--auth-method", defaultValue = "client_secret_basic",
                       description = "client_secret_basic (default), client_secret_post, private_key_jwt or none") String authMethod,
               @Option(names = "--grant-type", description = "Repeatable; default authorization_code and refresh_token") List<String> grantTypes,
               @Option(names = "--access-token-format", description = "opaque (default) or jwt (RFC 9068, verifiable with the JWKS)")
               String accessTokenFormat,
               @Option(names = "--resource-server", description = "May introspect every access token and API key (an API that "
                       + "checks tokens), not only its own") boolean resourceServer,
               @Option(names = "--jwks-uri", description = "private_key_jwt: https URL of the app's public JWK Set") String jwksUri,
               @Option(names = "--jwks-file", description = "private_key_jwt: file holding the app's public JWK Set") Path jwksFile,
               @Option(names = "--auth-signing-alg", description = "private_key_jwt: the one JWS algorithm the app signs with "
                       + "(RS256, PS256, ES256, EdDSA...); any asymmetric one when omitted") String signingAlg,
               @Option(names = "--json", description = "Print JSON") boolean json) {
        return AdminAction.run(admin.env(), spec, json, core -> {
            String ownerId = core.identity().findByEmail(owner)
                    .orElseThrow(() -> OAuthException.validation("--owner", "No account uses that email")).id();
            if (accessTokenFormat != null && !List.of("opaque", "jwt").contains(accessTokenFormat)) {
                throw OAuthException.validation("--access-token-format", "must be opaque or jwt");
            }
            var fields = new AppFields(null, null, null, null, name, null, null, redirectUris, scopes, authMethod, grantTypes,
                    null, resourceServer, accessTokenFormat, null, null, jwksFile == null ? null : readJwks(jwksFile), jwksUri, signingAlg);
            AppService.Created created = core.apps().create(Actor.system(), Optional.of(ownerId), fields.settings(Optional.empty(), core.scopeCheck()));
            var view = Views.app(created.app());
            created.clientSecret().ifPresent(s -> view.put("client_secret", s));
            return new AdminAction.Printed(view, "Created app " + created.app().name() + ": client_id " + created.app().clientId()
                    + created.clientSecret().map(s -> ", client_secret (shown once) " + s).orElse(""));
        });
    }

    private static JsonNode readJwks(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw OAuthException.validation("--jwks-file", "cannot read a JSON JWK Set from " + file);
        }
    }
}
