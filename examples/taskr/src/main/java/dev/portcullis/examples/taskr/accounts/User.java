package dev.portcullis.examples.taskr.accounts;

/** A Taskr user: Taskr's own account, unrelated to any Portcullis user. */
public record User(String id, String email, String name) {}
