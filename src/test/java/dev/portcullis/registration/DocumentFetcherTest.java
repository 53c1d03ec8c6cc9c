package dev.portcullis.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The fetcher's resolver is the HTTP client's only DNS: what it approves is what gets connected to. */
class DocumentFetcherTest {

    @Test
    void strictResolverRefusesNamesWithAnyNonPublicAddress() {
        try (var fetcher = new DocumentFetcher(false, 100, Duration.ofSeconds(1), Executors.newVirtualThreadPerTaskExecutor())) {
            for (String host : new String[] {"localhost", "127.0.0.1", "10.0.0.1", "169.254.169.254"}) {
                var failure = assertThrows(DocumentFetcher.Failure.class, () -> fetcher.resolveAddress(host, null));
                assertTrue(failure.getMessage().contains("public address"), host);
            }
            assertTrue(!fetcher.useDefaultJavaResolver(), "the JDK's own lookup would bypass the check");
        }
    }

    @Test
    void theAddressReturnedIsTheOneThatWasChecked() throws Exception {
        try (var fetcher = new DocumentFetcher(true, 100, Duration.ofSeconds(1), Executors.newVirtualThreadPerTaskExecutor())) {
            assertEquals(InetAddress.getByName("127.0.0.1"), fetcher.resolveAddress("127.0.0.1", null));
        }
    }
}
