package dev.portcullis.accountsecurity;

/** "Verify your address": a new link for the user and its mail, when their address is not verified yet. */
public final class VerificationMail {
    private final EmailVerification verification;
    private final AccountMail mail;

    public VerificationMail(EmailVerification verification, AccountMail mail) {
        this.verification = verification;
        this.mail = mail;
    }

    /** Whether a mail went out (false: verified already). Call it after the sign-up's transaction, never inside one. */
    public boolean send(String userId) {
        var issued = verification.issue(userId);
        issued.ifPresent(mail::send);
        return issued.isPresent();
    }
}
