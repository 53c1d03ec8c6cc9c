package dev.portcullis.http;

import dev.portcullis.config.AddressRange;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address a request came from, for per-address limits. Behind a load balancer the socket
 * peer is the balancer, so every visitor would share one budget; when the peer is a trusted
 * proxy, the client is the nearest X-Forwarded-For hop that is not one. A hop the client wrote
 * itself lies further left and is never reached, so the header cannot be used to pick a budget.
 */
public final class ClientAddress {
    private static final HeaderName FORWARDED_FOR = HeaderNames.X_FORWARDED_FOR;
    private final List<AddressRange> trustedProxies;

    public ClientAddress(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String of(ServerRequest req) {
        if (!(req.remotePeer().address() instanceof InetSocketAddress socket)) return req.remotePeer().host();
        InetAddress peer = socket.getAddress();
        if (!trusted(peer)) return key(peer);
        List<String> hops = new ArrayList<>();
        req.headers().all(FORWARDED_FOR, List::of).forEach(line -> hops.addAll(List.of(line.split(","))));
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressRange.literal(withoutPort(hops.get(i).strip()));
            if (hop.isEmpty()) break; // a hop we cannot read: stop at the last one we could
            client = hop.get();
            if (!trusted(client)) break;
        }
        return key(client);
    }

    /** An IPv6 host gets a whole /64 (RFC 6177), so it is one budget, not 2^64. */
    private static String key(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address.getHostAddress();
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    /** Some balancers write {@code 192.0.2.1:4711} or {@code [2001:db8::1]:4711}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** The request's User-Agent, as the audit log records it beside the address; null when absent. */
    public static String userAgent(ServerRequest req) {
        return req.headers().first(HeaderNames.USER_AGENT).orElse(null);
    }
}
