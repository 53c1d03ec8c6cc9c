package dev.portcullis.identity;

/** A membership with the person behind it, as a workspace's member list shows it. */
public record Member(Membership membership, User user) {
    public Role role() {
        return membership.role();
    }
}
