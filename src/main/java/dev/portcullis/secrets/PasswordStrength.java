package dev.portcullis.secrets;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How guessable a password is, by zxcvbn (zxcvbn4j): dictionaries of common passwords, words and
 * names, keyboard patterns, dates and l33t, scored 0-4. NIST SP 800-63B §5.1.1.2 asks verifiers to
 * refuse commonly used and expected passwords; a length rule alone accepts "password1".
 */
public record PasswordStrength(int score, String advice) {
    /** zxcvbn's "safely unguessable": about 10^8 guesses, out of reach of an online attack and slow offline. */
    public static final int MIN_SCORE = 3;
    /**
     * The estimate grows faster than linearly with length (100 random characters take a second),
     * so only the first 64 are measured; a password whose first 64 characters are strong is.
     */
    static final int MEASURED = 64;
    private static final String DEFAULT_ADVICE = "Add another word or two. Uncommon words are better.";

    public boolean strongEnough() {
        return score >= MIN_SCORE;
    }

    /**
     * The estimate of {@code password}, with {@code context} (the person's email and name) counted
     * as words an attacker would try first. {@code advice} is empty when there is nothing to add.
     */
    public static PasswordStrength of(String password, List<String> context) {
        String measured = password.codePointCount(0, password.length()) > MEASURED
                ? password.substring(0, password.offsetByCodePoints(0, MEASURED)) : password;
        List<String> words = new ArrayList<>();
        for (String item : context) {
            if (item == null || item.isBlank()) continue;
            String lower = item.strip().toLowerCase(Locale.ROOT);
            words.add(lower);
            // "ada.lovelace@example.com" -> also "ada", "lovelace", "example".
            for (String part : lower.split("[^\\p{L}\\p{N}]+")) if (part.length() > 2) words.add(part);
        }
        Strength strength = Estimator.ZXCVBN.measure(measured, words);
        if (strength.getScore() >= MIN_SCORE) return new PasswordStrength(strength.getScore(), "");
        return new PasswordStrength(strength.getScore(), advice(strength.getFeedback()));
    }

    /** zxcvbn's warning and suggestions as one sentence or two, in English like the rest of the pages. */
    private static String advice(Feedback feedback) {
        List<String> parts = new ArrayList<>();
        String warning = feedback.getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isBlank()) parts.add(sentence(warning));
        for (String suggestion : feedback.getSuggestions(Locale.ENGLISH)) parts.add(sentence(suggestion));
        return parts.isEmpty() ? DEFAULT_ADVICE : String.join(" ", parts);
    }

    private static String sentence(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    /** Loaded on first use: the dictionaries take a few hundred milliseconds, which start-up need not pay. */
    private static final class Estimator {
        static final Zxcvbn ZXCVBN = new Zxcvbn();
    }
}
