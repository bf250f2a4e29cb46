package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;

/**
 * Keeps the pending lists of the GIN indexes on {@code conversations} (the trigram indexes behind the questions
 * search) short, off the saves' path. With {@code fastupdate} (PostgreSQL's default), an insert appends its index
 * entries to the index's pending list, and the insert that finds the list past {@code gin_pending_list_limit}
 * (4 MB by default) moves all of it into the index inside its own transaction. At a few hundred saves a second that
 * is one save batch every second or two, which then commits tens of milliseconds late, with every request waiting
 * on it. PostgreSQL's documentation ("GIN Fast Update Technique") advises cleaning the list in the background to
 * avoid such swings; this does it with {@code gin_clean_pending_list} each time it runs (ExpertApplication schedules
 * it every {@code stats.foldInterval} on a Dropwizard-managed executor), in one instance at a time (a transaction
 * advisory lock, skipped while another instance holds it). Searches gain too: they read the whole pending list on
 * every query.
 *
 * <p>It needs to own the indexes, that is the table (PostgreSQL's rule for that function, as for VACUUM): when the
 * service's role does not, it says so once and stops until the service restarts; PostgreSQL then cleans the lists
 * as before (in the inserts and in autovacuum). Any other failure is logged once until a flush succeeds again, and
 * retried at the next run.
 */
public class GinPendingListFlush implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GinPendingListFlush.class);

    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('intelia-expert:gin-flush'))";

    /** Pages moved out of the pending lists of every valid GIN index of conversations (search_path). */
    static final String FLUSH = """
            SELECT COALESCE(sum(gin_clean_pending_list(i.indexrelid)), 0)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am a ON a.oid = c.relam
            WHERE i.indrelid = to_regclass('conversations') AND a.amname = 'gin' AND i.indisvalid
            """;

    private final Jdbi jdbi;
    private volatile boolean stopped;
    private volatile boolean failing;

    /** Flushes over {@code jdbi}, the primary. */
    public GinPendingListFlush(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One flush: the pages moved out of the pending lists, or empty when another instance is flushing now.
     *
     * @throws org.jdbi.v3.core.JdbiException when PostgreSQL refuses (e.g. SQLSTATE 42501: not the indexes' owner)
     */
    public OptionalLong flush() {
        return jdbi.inTransaction(handle -> {
            if (!handle.createQuery(LOCK).mapTo(Boolean.class).one()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(handle.createQuery(FLUSH).mapTo(Long.class).one());
        });
    }

    /** One flush as the schedule runs it: never throws; failures are logged as above. */
    @Override
    public void run() {
        if (stopped) {
            return;
        }
        try {
            flush();
            if (failing) {
                LOG.info("Search index pending lists are flushed again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (SqlStates.any(e, "42501"::equals)) {
                LOG.warn("Not flushing the search indexes' pending lists: the database role does not own them"
                        + " (PostgreSQL flushes them in the saves that fill them instead)");
                stopped = true;
            } else if (!failing) {
                LOG.warn("Flushing the search indexes' pending lists failed (SQLSTATE {}), retrying at each run",
                        SqlStates.first(e));
                failing = true;
            }
        }
    }
}
