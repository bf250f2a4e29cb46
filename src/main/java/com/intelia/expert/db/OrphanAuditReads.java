package com.intelia.expert.db;

import java.util.List;
import java.util.UUID;

/**
 * What the orphan audit reads: the user_ids of {@code conversations} and, for a few of them, their figures and the
 * e-mail addresses their access tokens carried ({@code user_email_claims}). Writes nothing. Implemented over Jdbi by
 * {@link JdbiOrphanAuditReads}. A failure is a {@code JdbiException}: a 503 with Retry-After when PostgreSQL is
 * unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface OrphanAuditReads {

    /** A user_id's conversations (how many, the first and last) and its e-mail claims, the latest seen first. */
    record Activity(OrphanAuditDao.UserActivity figures, List<String> emails) {
    }

    /** Every user_id with conversations (deleted ones included), in user_id order. */
    List<UUID> usersWithConversations();

    /**
     * The activity of those of {@code userIds} that have conversations, the most conversations first (ties by
     * user_id), read on one connection.
     */
    List<Activity> activity(List<UUID> userIds);
}
