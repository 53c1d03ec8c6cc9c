package dev.portcullis.apikeys;

/**
 * Who manages a workspace's keys: a member (who must be its admin) or the operator (the CLI and
 * /manage, who may act on any workspace). {@code audit} is who the audit events name: the user or
 * operator token with the request's origin, or the server itself for the command line.
 */
public sealed interface Actor {
    dev.portcullis.events.Actor audit();

    record Member(String userId, dev.portcullis.events.Actor audit) implements Actor {}
    record Operator(dev.portcullis.events.Actor audit) implements Actor {}

    /** A member acting without an HTTP request to name (the events record no origin). */
    static Actor member(String userId) {
        return member(userId, dev.portcullis.events.Actor.Origin.NONE);
    }

    static Actor member(String userId, dev.portcullis.events.Actor.Origin origin) {
        return new Member(userId, dev.portcullis.events.Actor.user(userId, origin));
    }

    /** The operator's command line on this machine: the events name the server itself. */
    static Actor operator() {
        return operator(dev.portcullis.events.Actor.system());
    }

    /** The operator through /manage/v1: the events name the operator token. */
    static Actor operator(dev.portcullis.events.Actor audit) {
        return new Operator(audit);
    }
}
