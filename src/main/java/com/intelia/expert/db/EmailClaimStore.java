package com.intelia.expert.db;

import java.util.UUID;

/**
 * The e-mail claims of accepted access tokens ({@code user_email_claims}): which addresses each user_id signed in
 * with, so that the orphan audit can later name who an orphan was. Implemented over Jdbi by
 * {@link JdbiEmailClaimStore}. A failure is a {@code JdbiException} that wrote nothing.
 */
public interface EmailClaimStore {

    /** Records that {@code userId} signed in as {@code email} (kept lower-case), or that it was seen again now. */
    void record(UUID userId, String email);
}
