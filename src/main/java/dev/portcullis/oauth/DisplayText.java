package dev.portcullis.oauth;

/**
 * Names that pages show to people who did not write them (an app's name on the consent page, a
 * workspace or key name): no control characters, no bidirectional controls that could reorder
 * what the page appears to say (Unicode TR #9, the "Trojan Source" trick), and no unpaired UTF-16
 * surrogates, which no encoder can write.
 */
public final class DisplayText {
    private DisplayText() {}

    public static boolean isSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || isBidiControl(c) || Character.isLowSurrogate(c)) return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) return false;
                i++;
            }
        }
        return true;
    }

    /** ALM, LRM/RLM, the embeddings and overrides, the isolates. */
    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
