package dev.portcullis.identity;

/** One workspace of a user, with the user's membership (and so role) in it. */
public record WorkspaceAccess(Workspace workspace, Membership membership) {
    public Role role() {
        return membership.role();
    }

    public boolean isAdmin() {
        return membership.role() == Role.ADMIN;
    }
}
