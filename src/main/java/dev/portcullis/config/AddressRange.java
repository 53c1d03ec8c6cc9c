package dev.portcullis.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.0.2.7}). Written
 * here rather than taken from a library: it is a prefix comparison over the JDK's parsed bytes.
 */
public final class AddressRange {
    /**
     * Four dotted numbers, or hex with colons: never a host name, so parsing can never start a DNS
     * look-up, and never the legacy short forms ({@code 1.2.3}) the JDK would also accept.
     */
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern LITERAL = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET + "|[0-9A-Fa-f.]{0,40}:[0-9A-Fa-f:.]{1,44}");

    private final byte[] network;
    private final int prefixBits;

    private AddressRange(byte[] network, int prefixBits) {
        this.network = network.clone();
        this.prefixBits = prefixBits;
    }

    public static Optional<AddressRange> parse(String text) {
        String[] parts = text.strip().split("/", -1);
        Optional<InetAddress> address = literal(parts[0]);
        if (address.isEmpty() || parts.length > 2) return Optional.empty();
        byte[] bytes = address.get().getAddress();
        int max = bytes.length * 8;
        if (parts.length == 1) return Optional.of(new AddressRange(bytes, max));
        try {
            int bits = Integer.parseInt(parts[1]);
            return bits < 0 || bits > max ? Optional.empty() : Optional.of(new AddressRange(bytes, bits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An IP literal as an address; anything else (a name, garbage) is empty. */
    public static Optional<InetAddress> literal(String text) {
        if (!LITERAL.matcher(text).matches()) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) return false;
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) return false;
        }
        int rest = prefixBits % 8;
        if (rest == 0) return true;
        int mask = 0xFF << (8 - rest);
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
        } catch (UnknownHostException e) {
            return "?/" + prefixBits;
        }
    }
}
