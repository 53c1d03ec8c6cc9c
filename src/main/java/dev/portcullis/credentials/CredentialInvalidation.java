package dev.portcullis.credentials;

import dev.portcullis.secrets.SecretHash;
import java.util.Collection;

/**
 * The one hook every writer calls, after its transaction commits, when it has changed anything
 * that can deactivate or alter a credential: a revocation, a rotation that killed a token family,
 * a member removed, an app, API key or workspace edited or deleted, a connection revoked. The
 * resolver then forgets what it cached, so the change holds on this instance at once; another
 * instance sees it within {@link CredentialResolver#CACHE_TTL}.
 */
@FunctionalInterface
public interface CredentialInvalidation {

    /** After a change that may touch many credentials, or ones the writer cannot name. */
    void changed();

    /** After revoking these credentials, named by their row hashes. */
    default void revoked(Collection<SecretHash> hashes) {
        changed();
    }
}
