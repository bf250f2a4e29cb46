package com.intelia.expert.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.api.ConversationSummary;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** A conversations row as the frontend reads it. */
public class ConversationSummaryMapper implements RowMapper<ConversationSummary> {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    @Override
    public ConversationSummary map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ConversationSummary(
                rs.getObject("id", UUID.class),
                rs.getString("session_id"),
                rs.getObject("user_id", UUID.class),
                rs.getString("title"),
                rs.getString("preview"),
                rs.getString("last_message_preview"),
                rs.getString("question"),
                rs.getString("response"),
                rs.getString("response_source"),
                (Double) rs.getObject("response_confidence"),
                (Integer) rs.getObject("processing_time_ms"),
                // rows saved without a language read as the column's default
                Objects.requireNonNullElse(rs.getString("language"), "fr"),
                rs.getString("mode"),
                json(rs.getString("sources")),
                rs.getInt("message_count"),
                rs.getObject("feedback") == null ? null : rs.getInt("feedback"),
                rs.getString("feedback_comment"),
                iso(rs.getObject("created_at", OffsetDateTime.class)),
                iso(rs.getObject("updated_at", OffsetDateTime.class)));
    }

    static String iso(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }

    private static JsonNode json(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new SQLException("conversations.sources is not valid JSON", e);
        }
    }
}
