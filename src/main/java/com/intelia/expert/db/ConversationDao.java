package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * SQL of one chat's turns in the conversations table: a chat is the rows sharing its session_id, and belongs to the
 * user of its first turn (whose turns alone it shows: the original database has chats mixing users' turns). The
 * owner, the active turns and their texts, the chat's rating, soft deletes. Saves: TurnInserts; lists: ChatList.
 */
public interface ConversationDao {

    /** The user of the chat's first turn (deleted turns included); empty when no row has that session_id. */
    @SqlQuery("SELECT user_id FROM conversations WHERE session_id = :chat ORDER BY created_at, id LIMIT 1")
    Optional<UUID> ownerOf(@Bind("chat") ChatKey chat);

    /** The owner's active turns of a chat, oldest first, with their sizes (bytes as stored) but not their texts. */
    @SqlQuery("""
            SELECT id, user_id, created_at, feedback::integer AS feedback, feedback_comment,
                   COALESCE(octet_length(question), 0) + COALESCE(octet_length(response), 0) AS text_bytes,
                   (response IS NOT NULL AND response <> '') AS answered
            FROM conversations
            WHERE session_id = :chat AND user_id = :owner AND status = 'active'
            ORDER BY created_at, id
            """)
    @RegisterConstructorMapper(ChatTurn.class)
    List<ChatTurn> activeTurns(@Bind("chat") ChatKey chat, @Bind("owner") UUID owner);

    /** The same, locked against concurrent ratings and deletes until the transaction ends. */
    @SqlQuery("""
            SELECT id, user_id, created_at, feedback::integer AS feedback, feedback_comment,
                   0::bigint AS text_bytes, (response IS NOT NULL AND response <> '') AS answered
            FROM conversations
            WHERE session_id = :chat AND user_id = :owner AND status = 'active'
            ORDER BY created_at, id
            FOR UPDATE
            """)
    @RegisterConstructorMapper(ChatTurn.class)
    List<ChatTurn> lockActiveTurns(@Bind("chat") ChatKey chat, @Bind("owner") UUID owner);

    /**
     * The owner's active turns of a chat, oldest first ({@code lock}: locked until the transaction ends, sizes 0),
     * once {@code ownerCheck} has run with the chat's owner; what it throws ends the transaction. Empty when the
     * chat has no active turn, and ownerCheck does not run then.
     */
    default List<ChatTurn> ownActiveTurns(UUID chat, boolean lock, Consumer<UUID> ownerCheck) {
        Optional<UUID> owner = ownerOf(ChatKey.of(chat));
        if (owner.isEmpty()) {
            return List.of();
        }
        List<ChatTurn> turns = lock ? lockActiveTurns(ChatKey.of(chat), owner.get())
                : activeTurns(ChatKey.of(chat), owner.get());
        if (!turns.isEmpty()) {
            ownerCheck.accept(owner.get());
        }
        return turns;
    }

    /** The question and answer of each turn id given. */
    @SqlQuery("SELECT id, question, response FROM conversations WHERE id = ANY(:ids)")
    @RegisterConstructorMapper(TurnText.class)
    List<TurnText> texts(@Bind("ids") UUID[] ids);

    /**
     * Puts a rating on one turn of a chat and takes it off the chat's other turns (a chat carries one rating): turn
     * {@code target} gets rating (1, -1) and comment, every other turn of {@code turns} that has either loses both;
     * a null target takes them off every turn. Returns the rows changed.
     */
    @SqlUpdate("""
            UPDATE conversations
            SET feedback = CASE WHEN id = CAST(:target AS uuid) THEN CAST(:rating AS smallint) END,
                feedback_comment = CASE WHEN id = CAST(:target AS uuid) THEN CAST(:comment AS text) END
            WHERE id = ANY(:turns)
              AND (id = CAST(:target AS uuid) OR feedback IS NOT NULL OR feedback_comment IS NOT NULL)
            """)
    int placeRating(@Bind("turns") UUID[] turns, @Bind("target") UUID target, @Bind("rating") Integer rating,
                    @Bind("comment") String comment);

    /** Replaces the comment of one turn's rating. */
    @SqlUpdate("UPDATE conversations SET feedback_comment = :comment WHERE id = :turn")
    int setComment(@Bind("turn") UUID turn, @Bind("comment") String comment);

    /** Marks the owner's active turns of a chat deleted; returns how many. */
    @SqlUpdate("""
            UPDATE conversations SET status = 'deleted'
            WHERE session_id = :chat AND user_id = :owner AND status = 'active'
            """)
    int softDeleteChat(@Bind("chat") ChatKey chat, @Bind("owner") UUID owner);

    /** Marks every active turn of a user deleted; returns how many chats and turns. */
    @SqlQuery("""
            WITH deleted AS (
                UPDATE conversations SET status = 'deleted' WHERE user_id = :userId AND status = 'active'
                RETURNING session_id
            )
            SELECT count(DISTINCT session_id) AS chats, count(*) AS turns FROM deleted
            """)
    @RegisterConstructorMapper(DeletedCounts.class)
    DeletedCounts softDeleteAll(@Bind("userId") UUID userId);

    /** Chats and turns a delete marked deleted. */
    record DeletedCounts(long chats, long turns) {
    }
}
