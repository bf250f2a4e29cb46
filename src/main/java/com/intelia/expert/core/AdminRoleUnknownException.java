package com.intelia.expert.core;

import java.util.UUID;

/**
 * A decision needed the caller's admin role while the user directory could not tell it (Supabase down, PostgREST
 * PGRST002, circuit open, timeout, no free database connection) and no recent enough answer was remembered.
 * Answered 503 "cannot check the admin role now, try again" with Retry-After (resources/AdminRoleUnknownMapper).
 */
public final class AdminRoleUnknownException extends RuntimeException {

    public static final String MESSAGE = "cannot check the admin role now, try again";

    private final transient UUID userId;
    private final String reason;

    public AdminRoleUnknownException(UUID userId, String reason) {
        super(MESSAGE, null, false, false);
        this.userId = userId;
        this.reason = reason;
    }

    /** The caller whose role is unknown. */
    public UUID userId() {
        return userId;
    }

    /** Why the directory could not answer, for the log line; never shown to the caller. */
    public String reason() {
        return reason;
    }
}
