package com.intelia.expert.db;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Saves leave their search index entries in the trigram indexes' pending lists; the flush moves them into the
 * indexes, in one instance at a time, and a role that does not own the indexes stops trying instead of failing.
 */
class GinPendingListFlushTest {

    private static final String PENDING = """
            SELECT (pgstatginindex('idx_conversations_question_trgm')).pending_pages::bigint
                 + (pgstatginindex('idx_conversations_response_trgm')).pending_pages::bigint
            """;

    private static TestDatabase withSaves() {
        TestDatabase database = TestDatabase.migrated();
        database.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
        // autovacuum empties pending lists too: kept off this table so that only the flush under test does
        database.execute("ALTER TABLE conversations SET (autovacuum_enabled = off)");
        database.execute("""
                INSERT INTO conversations (session_id, user_id, question, response, created_at)
                SELECT 's' || g, gen_random_uuid(), 'How much feed at day ' || g || '?', 'About ' || g || ' grams.',
                       now()
                FROM generate_series(1, 2000) g
                """);
        return database;
    }

    @Test
    void aFlushEmptiesThePendingListsAndSearchesFindTheSameRows() {
        TestDatabase database = withSaves();
        Jdbi jdbi = Jdbi.create(database.dataSource());
        String search = "SELECT count(*) FROM conversations WHERE status = 'active' AND question ILIKE '%day 1999?%'";
        assertThat((Long) database.value(PENDING)).as("pending pages after the saves").isPositive();
        Object foundBefore = database.value(search);

        OptionalLong flushed = new GinPendingListFlush(jdbi).flush();

        assertThat(flushed).isPresent();
        assertThat(flushed.getAsLong()).isPositive();
        assertThat(database.value(PENDING)).isEqualTo(0L);
        assertThat(database.value(search)).isEqualTo(foundBefore).isEqualTo(1L);
    }

    @Test
    void anotherInstanceFlushingNowIsLeftToIt() {
        TestDatabase database = withSaves();
        Jdbi jdbi = Jdbi.create(database.dataSource());
        long pending = (Long) database.value(PENDING);

        try (Handle other = jdbi.open()) {
            other.begin();
            assertThat(other.createQuery("SELECT pg_try_advisory_xact_lock(hashtext('intelia-expert:gin-flush'))")
                    .mapTo(Boolean.class).one()).isTrue();

            assertThat(new GinPendingListFlush(jdbi).flush()).isEmpty();
            assertThat(database.value(PENDING)).isEqualTo(pending);
            other.rollback();
        }
    }

    @Test
    void aRoleThatDoesNotOwnTheIndexesStopsTryingWithoutFailing() {
        TestDatabase database = withSaves();
        String role = "writer_" + UUID.randomUUID().toString().substring(0, 8);
        database.execute("CREATE ROLE " + role);
        Jdbi notOwner = Jdbi.create(() -> {
            Connection connection = database.dataSource().getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + role);
            }
            return connection;
        });
        GinPendingListFlush flush = new GinPendingListFlush(notOwner);
        long pending = (Long) database.value(PENDING);

        Logger logger = (Logger) LoggerFactory.getLogger(GinPendingListFlush.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            assertThatThrownBy(flush::flush).isInstanceOf(JdbiException.class)
                    .satisfies(e -> assertThat(SqlStates.first(e)).isEqualTo("42501"));
            flush.run();
            flush.run();
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("the database role does not own them");
        assertThat(database.value(PENDING)).isEqualTo(pending);
    }
}
