package dev.portcullis.registration;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Whether an address is on the public internet, so fetching from it cannot reach this server's own
 * network (SSRF, OWASP SSRF Prevention Cheat Sheet): not loopback, unspecified, private, shared
 * (CGNAT), link-local, multicast or reserved, in IPv4 or IPv6, including IPv4 embedded in IPv6.
 */
public final class PublicAddress {
    private PublicAddress() {}

    /**
     * The address to connect to for {@code host}: its first, once every one it resolves to is public
     * (or {@code allowPrivate}); otherwise {@code refusal} of the reason, fit for the caller's client.
     */
    public static InetAddress resolve(String host, boolean allowPrivate, Function<String, RuntimeException> refusal) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw refusal.apply("its host cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address)) throw refusal.apply("its host does not resolve to a public address");
        }
        return addresses[0];
    }

    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        return switch (address) {
            case Inet4Address v4 -> isPublicV4(b);
            case Inet6Address v6 -> isPublicV6(b);
            default -> false;
        };
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0 || a0 >= 240) return false;                   // "this network"; reserved and broadcast
        if (a0 == 100 && (a1 & 0xc0) == 64) return false;         // 100.64.0.0/10 shared (CGNAT), RFC 6598
        if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) return false; // 192.0.0.0/24 IETF protocol assignments
        return !(a0 == 198 && (a1 & 0xfe) == 18);                 // 198.18.0.0/15 benchmarking, RFC 2544
    }

    private static boolean isPublicV6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 unique local, RFC 4193
        if (allZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            return isPublicV4Embedded(b, 12);                      // IPv4-compatible and IPv4-mapped
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return isPublicV4Embedded(b, 12);                      // 64:ff9b::/96 NAT64, RFC 6052
        }
        if (b[0] == 0x20 && b[1] == 0x02) return isPublicV4Embedded(b, 2); // 2002::/16 6to4, RFC 3056
        return true;
    }

    private static boolean isPublicV4Embedded(byte[] b, int from) {
        try {
            return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
