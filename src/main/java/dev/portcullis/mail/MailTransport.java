package dev.portcullis.mail;

/** Where a rendered mail goes: an SMTP relay, or (development, no relay set) the log and a folder. */
sealed interface MailTransport permits SmtpTransport, DevMailbox {

    /** Hands the mail on, or throws; runs on the {@link Mailer}'s thread, never on a request's. */
    void deliver(Mail mail) throws Exception;

    /** For the start-up log line: where mail goes, without credentials. */
    String describe();
}
