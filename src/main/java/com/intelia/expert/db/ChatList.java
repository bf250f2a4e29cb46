package com.intelia.expert.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * SQL of a user's history list and search: the user's active turns grouped into chats by session_id (index
 * idx_conversations_user_session), the most recently updated chat first. Only the page's chats are joined back
 * to their first and last turns, and only the first {@code previewCharacters} of those texts are read, so a page's
 * size does not grow with the length of the answers. Search keeps the chats holding the text in a question or an
 * answer (the trigram indexes on both narrow it from 3 characters on).
 */
public final class ChatList {

    private static final String USER_TURNS = "c.user_id = :userId AND c.status = 'active'";
    private static final String MATCHING = """
             AND c.session_id IN (SELECT h.session_id FROM conversations h
                                  WHERE h.user_id = :userId AND h.status = 'active'
                                    AND (h.question ILIKE :pattern OR h.response ILIKE :pattern))""";

    private static final String PAGE = """
            WITH chats AS (
                SELECT c.session_id::text AS chat, min(c.created_at) AS created_at, max(c.updated_at) AS updated_at,
                       count(*) AS turns,
                       count(*) FILTER (WHERE c.response IS NOT NULL AND c.response <> '') AS answers,
                       (array_agg(c.id ORDER BY c.created_at, c.id))[1] AS first_id,
                       (array_agg(c.id ORDER BY c.created_at DESC, c.id DESC))[1] AS last_id,
                       (array_agg(c.feedback ORDER BY c.created_at DESC, c.id DESC)
                            FILTER (WHERE c.feedback IS NOT NULL))[1]::integer AS feedback,
                       (array_agg(c.language ORDER BY c.created_at DESC, c.id DESC)
                            FILTER (WHERE c.language IS NOT NULL AND c.language <> ''))[1] AS language
                FROM conversations c
                WHERE %s
                GROUP BY c.session_id
            ), page AS (
                SELECT * FROM chats
                WHERE CAST(:afterUpdatedAt AS timestamptz) IS NULL
                   OR (updated_at, chat) < (CAST(:afterUpdatedAt AS timestamptz), CAST(:afterChat AS text))
                ORDER BY updated_at DESC, chat DESC
                LIMIT :limit OFFSET :offset
            )
            SELECT p.chat, p.created_at, p.updated_at, p.turns, p.answers, p.feedback, p.language, f.title,
                   left(f.question, :previewCharacters) AS first_question,
                   left(l.question, :previewCharacters) AS last_question,
                   left(l.response, :previewCharacters) AS last_response
            FROM page p
            JOIN conversations f ON f.id = p.first_id
            JOIN conversations l ON l.id = p.last_id
            ORDER BY p.updated_at DESC, p.chat DESC
            """;

    private static final String COUNT = """
            SELECT count(*) FROM (SELECT 1 FROM conversations c WHERE %s GROUP BY c.session_id) chats
            """;

    /** One chat of a page, with the beginnings of its first question and its last turn's texts. */
    public record ChatRow(String chat, OffsetDateTime createdAt, OffsetDateTime updatedAt, int turns, int answers,
                          Integer feedback, String language, String title, String firstQuestion,
                          String lastQuestion, String lastResponse) {
    }

    private final Handle handle;

    public ChatList(Handle handle) {
        this.handle = handle;
    }

    /**
     * Up to {@code limit} chats of the user, after the position (updated_at, chat) when given, else after skipping
     * {@code offset} chats; with {@code search} (null for none) only those holding that text, matched literally and
     * case-insensitively. Texts are cut at {@code previewCharacters}.
     */
    public List<ChatRow> page(UUID userId, String search, OffsetDateTime afterUpdatedAt, String afterChat,
                              int limit, long offset, int previewCharacters) {
        Query query = named(handle.createQuery(PAGE.formatted(filter(search))), "page")
                .bind("afterUpdatedAt", afterUpdatedAt).bind("afterChat", afterChat)
                .bind("limit", limit).bind("offset", offset).bind("previewCharacters", previewCharacters);
        return bind(query, userId, search).map(ConstructorMapper.of(ChatRow.class)).list();
    }

    /** How many chats the user has (with {@code search}: how many hold that text). */
    public long count(UUID userId, String search) {
        Query query = named(handle.createQuery(COUNT.formatted(filter(search))), "count");
        return bind(query, userId, search).mapTo(Long.class).one();
    }

    /** Timed in /metrics as this class's {@code method} (db/StatementNames). */
    private static Query named(Query query, String method) {
        return StatementNames.named(query, ChatList.class, method);
    }

    private static String filter(String search) {
        return search == null ? USER_TURNS : USER_TURNS + MATCHING;
    }

    private static Query bind(Query query, UUID userId, String search) {
        query.bind("userId", userId);
        if (search != null) {
            query.bind("pattern", "%" + escapeLike(search) + "%");
        }
        return query;
    }

    /** The text is matched literally: LIKE's wildcards and escape character lose their meaning. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
