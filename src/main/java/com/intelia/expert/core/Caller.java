package com.intelia.expert.core;

import jakarta.ws.rs.ForbiddenException;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Who is asking: the signed-in user's id and e-mail, their admin role (which may be unknown while the user
 * directory is down), and whether the session is an anonymous sign-in (a real session without a proven identity:
 * never an admin, never sends invitations).
 */
public record Caller(UUID userId, String email, AdminRole role, boolean anonymous) {

    /** A signed-in account (not anonymous) whose role is known. */
    public Caller(UUID userId, String email, boolean admin) {
        this(userId, email, AdminRole.of(admin), false);
    }

    public Caller {
        role = anonymous ? AdminRole.USER : role;
    }

    /**
     * Whether the caller is an admin.
     *
     * @throws AdminRoleUnknownException when the directory cannot tell now (503)
     */
    public boolean admin() {
        return role.isAdmin(userId);
    }

    /**
     * Lets the owner through without asking for the role; anyone else must be an admin (403 with the refusal
     * otherwise, 503 when the role cannot be known now).
     */
    public void requireSelfOrAdmin(UUID owner, String refusal) {
        if (!userId.equals(owner) && !admin()) {
            throw new ForbiddenException(refusal);
        }
    }

    /**
     * {@link #requireSelfOrAdmin} as a check that a store runs, inside its transaction, with the owner it read
     * (db/ChatStore, db/ChatReads, db/FeedbackStore).
     */
    public Consumer<UUID> selfOrAdmin(String refusal) {
        return owner -> requireSelfOrAdmin(owner, refusal);
    }

    /** Refuses an anonymous session with 403 and the refusal, e.g. for sending or accepting invitations. */
    public void requireAccount(String refusal) {
        if (anonymous) {
            throw new ForbiddenException(refusal);
        }
    }
}
