package dev.portcullis.apikeys;

/**
 * Who manages a workspace's keys: a member (who must be its admin) or the operator (the CLI and
 * /manage, who may act on any workspace).
 */
public sealed interface Actor {
    record Member(String userId) implements Actor {}
    record Operator() implements Actor {}

    static Actor member(String userId) {
        return new Member(userId);
    }

    static Actor operator() {
        return new Operator();
    }
}
