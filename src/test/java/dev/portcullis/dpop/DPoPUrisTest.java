package dev.portcullis.dpop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 9449 §4.3: htu names the endpoint, compared without query and fragment after RFC 3986 normalisation. */
class DPoPUrisTest {
    static final String TOKEN = "https://auth.example.com/oauth2/token";

    @Test
    void sameEndpointWhenOnlyCaseDefaultPortDotSegmentsQueryOrFragmentDifferThenTrue() {
        for (String htu : new String[] {TOKEN, "HTTPS://Auth.Example.COM/oauth2/token", "https://auth.example.com:443/oauth2/token",
                "https://auth.example.com/oauth2/./x/../token", TOKEN + "?a=b", TOKEN + "#f"}) {
            assertTrue(DPoPUris.sameEndpoint(htu, TOKEN), htu);
        }
    }

    @Test
    void sameEndpointWhenSchemeHostPortOrPathDifferOrNotAUrlThenFalse() {
        for (String htu : new String[] {"http://auth.example.com/oauth2/token", "https://evil.example.com/oauth2/token",
                "https://auth.example.com:8443/oauth2/token", "https://auth.example.com/oauth2/token/", "https://auth.example.com/OAUTH2/token",
                "/oauth2/token", "not a url", ""}) {
            assertFalse(DPoPUris.sameEndpoint(htu, TOKEN), htu);
        }
        assertFalse(DPoPUris.sameEndpoint(null, TOKEN));
    }
}
