package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of fix-user-id: counting, moving and recording rows, and moving exactly those rows back. */
public interface UserIdRepairDao {

    /** A conversation shown in a repair preview. */
    record SampleRow(UUID id, OffsetDateTime createdAt, String question) {
    }

    /** A recorded repair. */
    record Repair(UUID id, UUID fromUserId, UUID toUserId, boolean forced, int conversationsMoved, int feedbackMoved,
                  OffsetDateTime appliedAt, OffsetDateTime undoneAt) {
    }

    /** Two repairs never interleave, also across instances. */
    @SqlQuery("SELECT pg_advisory_xact_lock(hashtext('intelia-expert:user-id-repair'))::text")
    String lock();

    @SqlQuery("SELECT count(*) FROM conversations WHERE user_id = :userId")
    long countConversations(@Bind("userId") UUID userId);

    @SqlQuery("SELECT count(*) FROM feedback WHERE user_id = :userId")
    long countFeedback(@Bind("userId") UUID userId);

    /** Conversations both users rated: moving the feedback would break one rating per user and conversation. */
    @SqlQuery("""
            SELECT count(*) FROM feedback f JOIN feedback g ON g.conversation_id = f.conversation_id
            WHERE f.user_id = :from AND g.user_id = :to
            """)
    long countFeedbackConflicts(@Bind("from") UUID from, @Bind("to") UUID to);

    @SqlQuery("""
            SELECT id, created_at, left(question, 120) AS question FROM conversations
            WHERE user_id = :userId ORDER BY created_at DESC LIMIT :limit
            """)
    @RegisterConstructorMapper(SampleRow.class)
    List<SampleRow> sample(@Bind("userId") UUID userId, @Bind("limit") int limit);

    @SqlQuery("""
            INSERT INTO user_id_repairs (from_user_id, to_user_id, forced, conversations_moved, feedback_moved)
            VALUES (:from, :to, :forced, 0, 0) RETURNING id
            """)
    UUID createRepair(@Bind("from") UUID from, @Bind("to") UUID to, @Bind("forced") boolean forced);

    @SqlUpdate("""
            INSERT INTO user_id_repair_rows (repair_id, table_name, row_id)
            SELECT :repair, 'conversations', id FROM conversations WHERE user_id = :from
            """)
    int recordConversations(@Bind("repair") UUID repair, @Bind("from") UUID from);

    @SqlUpdate("""
            INSERT INTO user_id_repair_rows (repair_id, table_name, row_id)
            SELECT :repair, 'feedback', id FROM feedback WHERE user_id = :from
            """)
    int recordFeedback(@Bind("repair") UUID repair, @Bind("from") UUID from);

    @SqlUpdate("""
            UPDATE conversations SET user_id = :to
            WHERE id IN (SELECT row_id FROM user_id_repair_rows WHERE repair_id = :repair AND table_name = 'conversations')
              AND user_id = :from
            """)
    int moveConversations(@Bind("repair") UUID repair, @Bind("from") UUID from, @Bind("to") UUID to);

    @SqlUpdate("""
            UPDATE feedback SET user_id = :to
            WHERE id IN (SELECT row_id FROM user_id_repair_rows WHERE repair_id = :repair AND table_name = 'feedback')
              AND user_id = :from
            """)
    int moveFeedback(@Bind("repair") UUID repair, @Bind("from") UUID from, @Bind("to") UUID to);

    @SqlUpdate("UPDATE user_id_repairs SET conversations_moved = :conversations, feedback_moved = :feedback WHERE id = :repair")
    void recordCounts(@Bind("repair") UUID repair, @Bind("conversations") int conversations, @Bind("feedback") int feedback);

    @SqlQuery("SELECT * FROM user_id_repairs WHERE id = :repair FOR UPDATE")
    @RegisterConstructorMapper(Repair.class)
    Optional<Repair> lockRepair(@Bind("repair") UUID repair);

    @SqlQuery("""
            SELECT count(*) FROM user_id_repair_rows r
            WHERE r.repair_id = :repair AND r.table_name = :table
            """)
    long countRecorded(@Bind("repair") UUID repair, @Bind("table") String table);

    @SqlUpdate("UPDATE user_id_repairs SET undone_at = now() WHERE id = :repair")
    void markUndone(@Bind("repair") UUID repair);
}
