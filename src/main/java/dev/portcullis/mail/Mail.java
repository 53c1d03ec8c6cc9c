package dev.portcullis.mail;

/**
 * One rendered mail to one person. {@code link} is the one action it carries (the verification or
 * reset link): what development mode writes to the log, and what must never be logged otherwise.
 */
public record Mail(String to, String subject, String text, String html, String link) {
    @Override
    public String toString() {
        return "Mail[" + subject + "]";
    }
}
