package dev.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apikeys.Actor;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Removing a member takes effect at once, with no wait for the resolver's cache to expire: their
 * OAuth tokens die with the membership, and the API keys they created stop naming them.
 */
@ParameterizedClass
@EnumSource(Db.class)
class MemberRemovalHttpTest {
    static final String[] SCOPES = {"object_configuration:read"};

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static UserTokens tokens;
    static UserTokens.Client app;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        tokens = new UserTokens(server.portcullis());
        app = tokens.app(SCOPES);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** Bob, an admin of Ada's workspace, with an OAuth token and an API key of his, both in the resolver's cache. */
    record Bob(UserTokens.Member ada, UserTokens.Member bob, String accessToken, String apiKey) {}

    static Bob bobInAdasWorkspace() {
        var identity = server.portcullis().core().identity();
        UserTokens.Member ada = tokens.member("Ada");
        String email = "bob-" + System.nanoTime() + "@example.com";
        User bob = identity.signUp("Bob", email, UserTokens.PASSWORD).user();
        Member added = identity.addMember(ada.user().id(), ada.workspace().id(), email, Role.ADMIN);
        var member = new UserTokens.Member(bob, ada.workspace(), added.membership().id());
        String accessToken = tokens.issue(member, app, SCOPES).accessToken();
        String apiKey = server.portcullis().core().apiKeys().create(Actor.member(bob.id()), ada.workspace().id(),
                new ApiKeyService.Draft("Bob's key", List.of("object_configuration:read"), Optional.empty())).secret();
        assertEquals(200, oauth.getWithBearer("/v2/objects", accessToken).statusCode());
        assertEquals(added.membership().id(), self(apiKey).get("authorized_by_workspace_member_id").asText());
        return new Bob(ada, member, accessToken, apiKey);
    }

    static JsonNode self(String token) {
        return OAuthClient.json(oauth.getWithBearer("/v2/self", token));
    }

    static void assertRemovedAtOnce(Bob b, Consumer<Bob> remove) {
        remove.accept(b);
        assertEquals(401, oauth.getWithBearer("/v2/objects", b.accessToken()).statusCode(), "his OAuth token is refused at once");
        assertFalse(self(b.accessToken()).get("active").asBoolean());
        JsonNode key = self(b.apiKey());
        assertEquals(true, key.get("active").asBoolean(), "a workspace key outlives its creator's membership");
        assertFalse(key.has("authorized_by_workspace_member_id"), "but no longer names him: " + key);
    }

    @Test
    void removeMemberWhenAdminRemovesThenTheirCredentialsChangeAtOnce() {
        assertRemovedAtOnce(bobInAdasWorkspace(), b -> server.portcullis().core().identity()
                .removeMember(b.ada().user().id(), b.ada().workspace().id(), b.bob().user().id()));
    }

    @Test
    void removeMemberWhenMemberLeavesThenTheirCredentialsChangeAtOnce() {
        assertRemovedAtOnce(bobInAdasWorkspace(), b -> server.portcullis().core().identity()
                .removeMember(b.bob().user().id(), b.ada().workspace().id(), b.bob().user().id()));
    }

    @Test
    void removeMemberWhenOperatorRemovesThenTheirCredentialsChangeAtOnce() {
        assertRemovedAtOnce(bobInAdasWorkspace(), b -> server.portcullis().core().provisioning()
                .removeMember(dev.portcullis.events.Actor.system(), b.ada().workspace().id(), b.bob().user().id()));
    }
}
