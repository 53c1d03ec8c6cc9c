package dev.portcullis.keys;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where signing keys live, shared by every instance; each act is atomic. */
interface SigningKeyRepository {

    /** Current keys and retired keys still published at {@code now}, oldest first. */
    List<StoredKey> published(Instant now);

    /** Adds {@code key} as the current key of its algorithm; false when another already is (another instance won). */
    boolean addFirst(StoredKey key);

    /**
     * Retires the current key of {@code next.alg()} (published until {@code publishedUntil}) and makes
     * {@code next} current, forgetting keys no longer published. With {@code onlyIfCreatedBefore}, only
     * when the current key is that old. False when nothing changed: not due, or another instance rotated first.
     */
    default boolean rotate(StoredKey next, Instant now, Instant publishedUntil, Optional<Instant> onlyIfCreatedBefore) {
        return rotate(next, now, publishedUntil, onlyIfCreatedBefore, tx -> {});
    }

    /** As above; {@code alongside} runs in the rotation's transaction when the new key was stored (its audit event). */
    boolean rotate(StoredKey next, Instant now, Instant publishedUntil, Optional<Instant> onlyIfCreatedBefore, Consumer<Tx> alongside);
}
