package dev.portcullis.authorize;

/** OIDC Core §3.1.2.1 prompt values Portcullis honours. */
enum Prompt {
    NONE, LOGIN, CONSENT, SELECT_ACCOUNT
}
