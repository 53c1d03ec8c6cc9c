package dev.portcullis.federation;

/** A "Sign in with ..." button on the login page: the provider's name and where it starts, return_to included. */
public record LoginButton(String name, String href) {}
