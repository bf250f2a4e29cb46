package com.intelia.expert.core;

/**
 * Whether the signed-in user is an administrator, as the user directory last said: yes, no, or unknown because
 * the directory cannot answer now and its last answer is too old to act on. A decision that depends on the role
 * asks {@link #isAdmin(java.util.UUID)}, which refuses to guess: an unknown role becomes a 503, never a 403 to an
 * admin nor a page narrowed to a plain user's view.
 *
 * @param state  ADMIN, USER or UNKNOWN
 * @param reason for UNKNOWN, why the directory could not answer (short, no user data); null otherwise
 */
public record AdminRole(State state, String reason) {

    public enum State { ADMIN, USER, UNKNOWN }

    public static final AdminRole ADMIN = new AdminRole(State.ADMIN, null);
    public static final AdminRole USER = new AdminRole(State.USER, null);

    public static AdminRole of(boolean admin) {
        return admin ? ADMIN : USER;
    }

    public static AdminRole unknown(String reason) {
        return new AdminRole(State.UNKNOWN, reason == null ? "the user directory did not answer" : reason);
    }

    public boolean known() {
        return state != State.UNKNOWN;
    }

    /**
     * True for an admin, false for a plain user.
     *
     * @throws AdminRoleUnknownException when the role is unknown (answered 503 with Retry-After)
     */
    public boolean isAdmin(java.util.UUID userId) {
        if (state == State.UNKNOWN) {
            throw new AdminRoleUnknownException(userId, reason);
        }
        return state == State.ADMIN;
    }
}
