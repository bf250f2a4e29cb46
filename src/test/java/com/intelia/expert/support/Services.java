package com.intelia.expert.support;

import com.intelia.expert.core.ChatHistory;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.core.ConversationWriter;
import com.intelia.expert.core.FeedbackService;
import com.intelia.expert.db.JdbiChatReads;
import com.intelia.expert.db.JdbiChatStore;
import com.intelia.expert.db.JdbiFeedbackStore;
import com.intelia.expert.db.JdbiLocalProfileStore;
import com.intelia.expert.db.JdbiRollupStore;
import com.intelia.expert.db.JdbiTurnStore;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.stats.RollupRefresher;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The services of core/, directory/ and stats/ that many tests build, over a test database's Jdbi and on the same
 * stores as ExpertApplication gives them, so that a change of their constructors is made here once.
 */
public final class Services {

    private Services() {
    }

    /** Each save in its own transaction ({@link ConversationWriter#direct}), at the system's time. */
    public static ConversationService conversations(Jdbi jdbi) {
        return conversations(jdbi, Clock.systemUTC());
    }

    /** Each save in its own transaction ({@link ConversationWriter#direct}). */
    public static ConversationService conversations(Jdbi jdbi, Clock clock) {
        return conversations(jdbi, clock, ConversationWriter.direct(new JdbiTurnStore(jdbi)));
    }

    /** Saves through {@code writer} (a SaveBatcher under test). */
    public static ConversationService conversations(Jdbi jdbi, Clock clock, ConversationWriter writer) {
        return new ConversationService(new JdbiChatStore(jdbi), Jackson.newObjectMapper(), clock, writer);
    }

    public static ChatHistory history(Jdbi jdbi) {
        return new ChatHistory(new JdbiChatReads(jdbi));
    }

    public static FeedbackService feedback(Jdbi jdbi) {
        return new FeedbackService(new JdbiFeedbackStore(jdbi));
    }

    /** The local user directory (local_user_profiles) of the database behind {@code jdbi}. */
    public static LocalUserDirectory localDirectory(Jdbi jdbi) {
        return new LocalUserDirectory(new JdbiLocalProfileStore(jdbi));
    }

    /** The local user directory of the database behind {@code dataSource}, on a Jdbi of its own. */
    public static LocalUserDirectory localDirectory(DataSource dataSource) {
        return localDirectory(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()));
    }

    /** refresh-stats, the fold and the compaction over the rollups of the database behind {@code jdbi}. */
    public static RollupRefresher rollups(Jdbi jdbi, Clock clock) {
        return new RollupRefresher(new JdbiRollupStore(jdbi), clock);
    }
}
