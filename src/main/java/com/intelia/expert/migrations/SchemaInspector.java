package com.intelia.expert.migrations;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what the database lacks: changeSets not applied yet, and columns the service needs. */
public final class SchemaInspector {

    /** Columns the service reads and writes; a legacy table may lack them until db migrate runs. */
    public static final List<String> REQUIRED_CONVERSATION_COLUMNS = List.of("id", "session_id", "user_id",
            "question", "response", "response_source", "processing_time_ms", "response_confidence", "title",
            "preview", "last_message_preview", "message_count", "language", "status", "feedback",
            "feedback_comment", "sources", "mode", "model", "prompt_tokens", "completion_tokens", "created_at",
            "updated_at");

    /** What Liquibase identifies a changeSet by within one changelog. */
    record ChangeSetId(String id, String author) {
    }

    private final DataSource dataSource;

    public SchemaInspector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The changeSets of migrations.xml that databasechangelog does not record, in changelog order. Read-only:
     * unlike Liquibase's own listing, it creates neither databasechangelog nor databasechangeloglock.
     */
    public List<String> pendingChangeSets() throws Exception {
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean recorded;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT to_regclass('databasechangelog') IS NOT NULL");
                 ResultSet result = statement.executeQuery()) {
                recorded = result.next() && result.getBoolean(1);
            }
            if (recorded) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT id, author FROM databasechangelog");
                     ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        applied.add(result.getString(1) + "::" + result.getString(2));
                    }
                }
            }
        }
        List<String> pending = new ArrayList<>();
        for (ChangeSetId changeSet : changeLog()) {
            if (!applied.contains(changeSet.id() + "::" + changeSet.author())) {
                pending.add(changeSet.id());
            }
        }
        return pending;
    }

    /** id and author of every changeSet in migrations.xml, read as plain XML (no DTD, no external entities). */
    static List<ChangeSetId> changeLog() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        List<ChangeSetId> entries = new ArrayList<>();
        try (InputStream xml = SchemaInspector.class.getClassLoader().getResourceAsStream(DatabaseMigrator.CHANGELOG)) {
            if (xml == null) {
                throw new IllegalStateException(DatabaseMigrator.CHANGELOG + " is not on the classpath");
            }
            NodeList changeSets = factory.newDocumentBuilder().parse(xml).getElementsByTagName("changeSet");
            for (int i = 0; i < changeSets.getLength(); i++) {
                Element changeSet = (Element) changeSets.item(i);
                entries.add(new ChangeSetId(changeSet.getAttribute("id"), changeSet.getAttribute("author")));
            }
        }
        return entries;
    }

    public List<String> missingConversationColumns() throws Exception {
        Set<String> present = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                     + " WHERE table_schema = current_schema() AND table_name = 'conversations'");
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                present.add(result.getString(1));
            }
        }
        List<String> missing = new ArrayList<>(REQUIRED_CONVERSATION_COLUMNS);
        missing.removeAll(present);
        return missing;
    }
}
