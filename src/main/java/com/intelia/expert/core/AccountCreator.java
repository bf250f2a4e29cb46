package com.intelia.expert.core;

import java.util.UUID;

/**
 * The guide's option B: give an orphan user_id an account and a profile under that same UUID, in Supabase when
 * it is configured, else in the local directory. Refusals are WebApplicationExceptions with a clear message.
 */
public interface AccountCreator {

    /**
     * What was created, as the admin task answers it. The email (an address, at most 255 characters) and the names
     * (at most 100 characters, or null) arrive checked by the task.
     */
    CreatedAccount create(UUID id, String email, String firstName, String lastName);
}
