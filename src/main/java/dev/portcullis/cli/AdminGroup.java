package dev.portcullis.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParentCommand;

/** A noun under {@code admin} ({@code user}, {@code app}, ...) whose verbs are its methods; alone it prints its usage. */
abstract class AdminGroup implements Runnable {
    @ParentCommand
    AdminCommand admin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
