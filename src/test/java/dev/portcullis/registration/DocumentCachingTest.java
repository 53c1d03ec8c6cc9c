package dev.portcullis.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a metadata document is kept, from its Cache-Control (RFC 9111 §5.2.2), within bounds. */
class DocumentCachingTest {
    private static Duration ttl(String... cacheControl) {
        return ClientMetadataDocuments.ttl(List.of(cacheControl));
    }

    @Test
    void maxAgeIsHonouredWithinOneMinuteAndOneDay() {
        assertEquals(Duration.ofSeconds(600), ttl("public, max-age=600"));
        assertEquals(Duration.ofSeconds(600), ttl("max-age=\"600\", must-revalidate"));
        assertEquals(ClientMetadataDocuments.MIN_TTL, ttl("max-age=5"));
        assertEquals(ClientMetadataDocuments.MAX_TTL, ttl("max-age=31536000"));
    }

    @Test
    void noStoreOrNoCacheKeepTheMinimumAndNoHeaderTheDefault() {
        assertEquals(ClientMetadataDocuments.MIN_TTL, ttl("no-store"));
        assertEquals(ClientMetadataDocuments.MIN_TTL, ttl("no-cache, max-age=600"));
        assertEquals(ClientMetadataDocuments.DEFAULT_TTL, ttl());
        assertEquals(ClientMetadataDocuments.DEFAULT_TTL, ttl("s-maxage=600"), "shared-cache directive is not ours");
    }
}
