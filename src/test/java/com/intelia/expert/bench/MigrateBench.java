package com.intelia.expert.bench;

import com.intelia.expert.migrations.DatabaseMigrator;
import com.intelia.expert.postgres.EmbeddedPostgresServer;
import com.intelia.expert.support.OriginalSchema;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code scripts/bench migrate [ROWS]}: db migrate on a database shaped as the original backend created it, with ROWS
 * conversations (default 5,000,000) written as that backend wrote them, on a durable embedded PostgreSQL. While the
 * migration runs, a writer inserts one conversation every 10 ms as the original backend would; the longest of those
 * inserts is the longest time the migration blocked writes. Prints the migration's duration, the writer's latency
 * percentiles and maximum, the slowest changeSets, and whether the rollups match the rows afterwards.
 */
public final class MigrateBench {

    private MigrateBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
        Path dir = Files.createTempDirectory("migrate-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, port, Duration.ofSeconds(60))) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(server.jdbcUrl());
            ds.setUser(EmbeddedPostgresServer.USER);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                ResultSet settings = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')");
                settings.next();
                System.err.printf("PostgreSQL fsync=%s synchronous_commit=%s%n", settings.getString(1), settings.getString(2));
                s.execute(OriginalSchema.resource("legacy/original-backend-schema.sql"));
                long started = System.nanoTime();
                System.err.printf("Loading %,d conversations shaped as the original backend wrote them ...%n", rows);
                // the original's indexes are built after the load, as a restore would: loading into them is slower
                List<String> indexes = new ArrayList<>();
                ResultSet defs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'conversations'"
                        + " AND indexname <> 'conversations_pkey'");
                List<String> names = new ArrayList<>();
                while (defs.next()) {
                    names.add(defs.getString(1));
                    indexes.add(defs.getString(2));
                }
                for (String name : names) {
                    s.execute("DROP INDEX " + name);
                }
                s.execute("SET maintenance_work_mem = '512MB'");
                s.execute("""
                        INSERT INTO conversations (session_id, user_id, question, response, response_source,
                            processing_time_ms, title, preview, last_message_preview, language, status, feedback,
                            feedback_comment, created_at, updated_at)
                        SELECT gen_random_uuid(), ('40000000-0000-4000-8000-' || lpad((g % 5000)::text, 12, '0'))::uuid,
                               'Question ' || g || ': what is the feed conversion ratio of Ross 308 broilers at day 35?',
                               'Answer ' || g || ': about 1.45 under good conditions, depending on temperature and feed.',
                               (ARRAY['rag', 'openai_fallback', 'table_lookup'])[1 + g % 3],
                               CASE WHEN g % 7 <> 0 THEN 300 + g % 5000 END,
                               'Question ' || g, 'Question ' || g, 'Answer ' || g,
                               (ARRAY['fr', 'en', 'es', 'de'])[1 + g % 4],
                               CASE WHEN g % 97 = 0 THEN 'archived' ELSE 'active' END,
                               CASE g % 5 WHEN 0 THEN '1' WHEN 1 THEN '-1' END,
                               CASE WHEN g % 5 = 1 THEN 'not precise' END,
                               now() - (g % 180) * interval '1 day' - (g % 86400) * interval '1 second',
                               now() - (g % 180) * interval '1 day'
                        FROM generate_series(1, ROWS) g
                        """.replace("ROWS", Long.toString(rows)));
                for (String index : indexes) {
                    s.execute(index);
                }
                s.execute("VACUUM ANALYZE");
                System.err.printf("Loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
            }

            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean migrating = new AtomicBoolean(true);
            Thread writer = new Thread(() -> write(ds, latencies, migrating), "original-backend-writer");
            writer.start();
            Thread.sleep(1000);
            long started = System.nanoTime();
            DatabaseMigrator.migrate(ds);
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(1000);
            migrating.set(false);
            writer.join();

            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("db migrate on %,d original-shaped rows: %.1f s%n", rows, seconds);
            System.out.printf("writer during the migration: %d inserts, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                            + " (the longest time writes were blocked)%n", sorted.size(), ms(sorted, 0.50),
                    ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                ResultSet slowest = s.executeQuery("""
                        SELECT id, round(extract(epoch FROM dateexecuted - lag(dateexecuted) OVER (ORDER BY orderexecuted)), 1)
                        FROM databasechangelog ORDER BY 2 DESC NULLS LAST LIMIT 6
                        """);
                System.out.println("slowest changeSets (s, from the time each ended after the one before):");
                while (slowest.next()) {
                    System.out.printf("  %6s  %s%n", slowest.getString(2), slowest.getString(1));
                }
                ResultSet check = s.executeQuery("SELECT (SELECT sum(questions) FROM stats_daily_live),"
                        + " (SELECT count(*) FROM conversations WHERE status = 'active')");
                check.next();
                System.out.printf("rollups: %d questions counted, %d active rows%n", check.getLong(1), check.getLong(2));
            }
        }
    }

    private static void write(PGSimpleDataSource ds, List<Long> latencies, AtomicBoolean running) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            while (running.get()) {
                long started = System.nanoTime();
                s.execute("INSERT INTO conversations (session_id, user_id, question, response)"
                        + " VALUES (gen_random_uuid(), gen_random_uuid(), 'Written during the migration?', 'Yes.')");
                latencies.add(System.nanoTime() - started);
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the writer failed during the migration", e);
        }
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
