package com.intelia.expert.db;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import javax.sql.DataSource;
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

    private final DataSource dataSource;

    public SchemaInspector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<String> pendingChangeSets() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase(DatabaseMigrator.CHANGELOG, new ClassLoaderResourceAccessor(), database);
            List<String> ids = new ArrayList<>();
            for (ChangeSet changeSet : liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())) {
                ids.add(changeSet.getId());
            }
            return ids;
        }
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
