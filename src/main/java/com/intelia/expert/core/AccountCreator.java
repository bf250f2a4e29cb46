package com.intelia.expert.core;

import java.util.Map;
import java.util.UUID;

/**
 * The guide's option B: give an orphan user_id an account and a profile under that same UUID, in Supabase when
 * it is configured, else in the local directory. Refusals are WebApplicationExceptions with a clear message.
 */
public interface AccountCreator {

    /** What was created, as the admin task answers it. */
    Map<String, Object> create(UUID id, String email, String firstName, String lastName);
}
