package com.intelia.expert.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every condition under which migrations.xml would halt part-way, checked before the first changeSet runs, so that a
 * migration that cannot finish changes nothing (not even Liquibase's own tables). It reads only the catalogue and
 * counts rows; it never writes. The same conditions stay in migrations.xml as HALT preconditions, as a second guard.
 */
public final class MigrationPreflight {

    /** One reason the migration cannot run: what is wrong and what to do about it. No row content is included. */
    public record Problem(String what, String remedy) {
        public String line() {
            return what + " " + remedy;
        }
    }

    private static final Map<String, List<String>> CORE_TYPES = Map.of(
            "id", List.of("uuid"),
            "session_id", List.of("uuid", "text", "character varying"),
            "user_id", List.of("uuid"),
            "question", List.of("text", "character varying"),
            "response", List.of("text", "character varying"),
            "created_at", List.of("timestamp with time zone"),
            "updated_at", List.of("timestamp with time zone"));

    private final Connection connection;

    public MigrationPreflight(Connection connection) {
        this.connection = connection;
    }

    /** All problems found; empty when the migration can run to the end. */
    public List<Problem> problems() throws SQLException {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> conversations = columns("conversations");
        if (!conversations.isEmpty()) {
            coreColumns(conversations, problems);
            if (isText(conversations.get("feedback"))) {
                long bad = count("SELECT count(*) FROM conversations WHERE feedback IS NOT NULL"
                        + " AND btrim(feedback::text) NOT IN ('', '1', '+1', '-1', 'positive', 'negative')");
                if (bad > 0) {
                    problems.add(new Problem(bad + " conversations hold a feedback value other than 1, -1, positive,"
                            + " negative or empty; converting the column to a number would lose them.",
                            "Set those rows' feedback to 1, -1 or NULL by hand (SELECT DISTINCT feedback FROM"
                                    + " conversations shows them), then run db migrate again."));
                }
            }
        }
        Map<String, String> feedback = columns("feedback");
        if (feedback.containsKey("conversation_id") && feedback.containsKey("user_id")) {
            long pairs = count("SELECT count(*) FROM (SELECT 1 FROM feedback WHERE conversation_id IS NOT NULL"
                    + " GROUP BY conversation_id, user_id HAVING count(*) > 1) d");
            if (pairs > 0) {
                problems.add(new Problem(pairs + " (conversation, user) pairs have several feedback rows; the service"
                        + " keeps one rating per user and conversation.",
                        "Keep one row per pair by hand (the latest, for example), then run db migrate again."));
            }
        }
        if (feedback.containsKey("rating")) {
            long bad = count("SELECT count(*) FROM feedback WHERE rating IS NOT NULL AND rating NOT IN (-1, 1)");
            if (bad > 0) {
                problems.add(new Problem(bad + " feedback rows have a rating other than -1 or 1.",
                        "Set those ratings to -1, 1 or NULL by hand, then run db migrate again."));
            }
        }
        Map<String, String> invitations = columns("invitations");
        if (invitations.containsKey("inviter_user_id") && invitations.containsKey("invited_email")
                && invitations.containsKey("status")) {
            long pairs = count("SELECT count(*) FROM (SELECT 1 FROM invitations WHERE status = 'pending'"
                    + " AND inviter_user_id IS NOT NULL GROUP BY inviter_user_id, lower(invited_email)"
                    + " HAVING count(*) > 1) d");
            if (pairs > 0) {
                problems.add(new Problem(pairs + " (inviter, address) pairs have several pending invitations; the"
                        + " service keeps one pending invitation per inviter and address.",
                        "Set all but one of each pair to 'cancelled' by hand, then run db migrate again."));
            }
        }
        return problems;
    }

    private void coreColumns(Map<String, String> present, List<Problem> problems) {
        List<String> wrong = new ArrayList<>();
        CORE_TYPES.keySet().stream().sorted().forEach(column -> {
            String type = present.get(column);
            if (type == null) {
                wrong.add(column + " (missing)");
            } else if (!CORE_TYPES.get(column).contains(type)) {
                wrong.add(column + " (" + type + ")");
            }
        });
        if (!wrong.isEmpty()) {
            problems.add(new Problem("The conversations table lacks a core column or has an unexpected type: "
                    + String.join(", ", wrong) + ". Expected: id uuid, session_id uuid or text, user_id uuid,"
                    + " question and response text, created_at and updated_at timestamptz.",
                    "Fix the table by hand (after a backup), then run db migrate again."));
        }
    }

    private Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return columns;
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean isText(String type) {
        return "text".equals(type) || "character varying".equals(type) || "character".equals(type);
    }
}
