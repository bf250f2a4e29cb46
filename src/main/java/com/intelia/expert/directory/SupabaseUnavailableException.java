package com.intelia.expert.directory;

/**
 * Supabase could not be asked, or answered with a server error: the kind of failure worth one more try and
 * counted by the circuit breaker. The reason is short and never holds a key or a response body.
 */
public final class SupabaseUnavailableException extends RuntimeException {

    public SupabaseUnavailableException(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
