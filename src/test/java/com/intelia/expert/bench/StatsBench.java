package com.intelia.expert.bench;

import com.intelia.expert.db.ReadDatabase;
import com.codahale.metrics.MetricRegistry;
import com.intelia.expert.api.DashboardStats;
import com.intelia.expert.config.StatsFactory;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.migrations.DatabaseMigrator;
import com.intelia.expert.postgres.EmbeddedPostgresServer;
import com.intelia.expert.directory.UserDirectory;
import com.intelia.expert.stats.DashboardFigures;
import com.intelia.expert.stats.DashboardRange;
import com.intelia.expert.stats.DashboardService;
import com.intelia.expert.stats.NaiveDashboard;
import com.intelia.expert.stats.OpenAiCosts;
import com.intelia.expert.stats.RollupDashboard;
import com.intelia.expert.stats.RollupRefresher;
import com.intelia.expert.stats.SystemStatsSource;
import com.intelia.expert.support.Services;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.Reader;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The statistics benchmark (scripts/bench stats): loads N conversations over 180 days for 5,000 users with COPY into
 * a durable embedded PostgreSQL (fsync and synchronous_commit on), rebuilds the rollups, then measures in one run:
 * the dashboard cold from the rollups vs the naive SQL, the histogram percentiles' error, and the questions list by
 * page number (first, middle, last) and by cursor for an admin and a user ({@link QuestionsPagesBench}); with
 * {@code JAVA_OPTS=-Dbench.questionsOnly=true} only the latter. Users are named by the local directory (local_user_profiles in the same database)
 * behind the production profile cache; every 50th user has no profile. Arguments: rows (default 500000), data directory (default data/bench-pg).
 */
public final class StatsBench {

    private static final int USERS = 5_000;
    /** Every NO_PROFILE_EVERY-th user has no profile, so that labels of unknown users are part of the measure. */
    private static final int NO_PROFILE_EVERY = 50;
    private static final int DAYS = 180;
    private static final String[] SOURCES = {"rag", "rag", "rag", "openai_fallback", "table_lookup", "perfstore", "error"};
    private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", null};

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "data/bench-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgresServer[] server = {EmbeddedPostgresServer.start(dir, port, Duration.ofSeconds(60))};
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(server[0].jdbcUrl());
            ds.setUser(EmbeddedPostgresServer.USER);
            DatabaseMigrator.migrate(ds);
            Jdbi jdbi = Jdbi.create(ds).installPlugin(new SqlObjectPlugin());
            Clock clock = Clock.systemUTC();
            LocalDate today = LocalDate.now(clock);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                ResultSet settings = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')");
                settings.next();
                System.err.printf("PostgreSQL fsync=%s synchronous_commit=%s%n", settings.getString(1), settings.getString(2));
            }
            long existing = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM conversations").mapTo(Long.class).one());
            if (existing < rows) {
                load(ds, rows - existing, today, existing);
                System.err.println("Rebuilding rollups ...");
                RollupRefresher.Report report = Services.rollups(jdbi, clock).refresh();
                System.err.printf("Rollups rebuilt in %d ms (figures missing before the rebuild, expected after a COPY without triggers: %d)%n", report.millis(), report.totalDrift());
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE");
                }
            }
            profiles(jdbi);
            if (!Boolean.getBoolean("bench.questionsOnly")) {
                measure(jdbi, clock, today, rows);
            }
            new QuestionsPagesBench(ds.getURL(), EmbeddedPostgresServer.USER, clock, () -> {
                server[0].close();
                dropOsCache(dir);
                server[0] = EmbeddedPostgresServer.start(dir, port, Duration.ofSeconds(60));
            }).run(Arrays.asList(userIds()));
        } finally {
            server[0].close();
        }
    }

    /** Drops the OS page cache of the data files (posix_fadvise DONTNEED through dd), so that reads go to disk. */
    private static void dropOsCache(Path dir) throws Exception {
        Process drop = new ProcessBuilder("sh", "-c",
                "find \"$0\" -type f -exec dd if={} iflag=nocache count=0 status=none \\;", dir.toString())
                .inheritIO().start();
        if (drop.waitFor() != 0) {
            throw new IllegalStateException("could not drop the OS cache of " + dir);
        }
    }

    /** The users' ids, from the seed the conversations and profiles take them from. */
    private static UUID[] userIds() {
        Random userIds = new Random(5000);
        UUID[] users = new UUID[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = new UUID(userIds.nextLong(), userIds.nextLong());
        }
        return users;
    }

    private static void load(PGSimpleDataSource ds, long count, LocalDate today, long offset) throws Exception {
        Random random = new Random(42 + offset);
        UUID[] users = userIds();
        long start = today.minusDays(DAYS - 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long span = (long) DAYS * 86_400;
        long started = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                // triggers off only in this session and only for the bulk COPY; the rollups are rebuilt after
                s.execute("SET session_replication_role = replica");
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (long done = 0; done < count; ) {
                int n = (int) Math.min(chunk, count - done);
                StringBuilder text = new StringBuilder(n * 220);
                for (int i = 0; i < n; i++) {
                    UUID id = new UUID(random.nextLong(), random.nextLong());
                    UUID user = users[random.nextInt(USERS)];
                    long at = start + (long) (random.nextDouble() * span);
                    String ts = java.time.Instant.ofEpochSecond(at).toString();
                    String source = SOURCES[random.nextInt(SOURCES.length)];
                    int latency = (int) Math.min(86_000_000, Math.exp(7.5 + random.nextGaussian() * 0.8));
                    String model = "openai_fallback".equals(source) ? MODELS[random.nextInt(2)] : MODELS[2];
                    String feedback = switch (random.nextInt(10)) { case 0 -> "1"; case 1 -> "-1"; default -> "\\N"; };
                    int topic = random.nextInt(500);
                    text.append(id).append('\t').append(id).append('\t').append(user).append('\t')
                            .append("How to improve feed conversion for broilers, case ").append(topic).append('?').append('\t')
                            .append("Adjust the ration and monitor water intake; reference ").append(topic).append('.').append('\t')
                            .append(source).append('\t').append(latency).append('\t').append(random.nextBoolean() ? "fr" : "en").append('\t')
                            .append(model == null ? "\\N" : model).append('\t')
                            .append(model == null ? "\\N" : Integer.toString(500 + random.nextInt(2000))).append('\t')
                            .append(model == null ? "\\N" : Integer.toString(100 + random.nextInt(500))).append('\t')
                            .append(feedback).append('\t').append(ts).append('\t').append(ts).append('\n');
                }
                try (Reader reader = new StringReader(text.toString())) {
                    copy.copyIn("COPY conversations (id, session_id, user_id, question, response, response_source,"
                            + " processing_time_ms, language, model, prompt_tokens, completion_tokens, feedback, created_at,"
                            + " updated_at) FROM STDIN", reader);
                }
                done += n;
                progress(done, count, started);
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET session_replication_role = origin");
            }
        }
        System.err.println();
    }

    /**
     * The users' profiles in local_user_profiles, in one batch and only when they are not all there yet (the
     * benchmark reuses a loaded database). Ids come from the same seed as the conversations' user_id.
     */
    private static void profiles(Jdbi jdbi) {
        UUID[] users = userIds();
        List<UUID> named = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            if (i % NO_PROFILE_EVERY != 0) {
                named.add(users[i]);
            }
        }
        long present = jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM local_user_profiles WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, named).mapTo(Long.class).one());
        if (present == named.size()) {
            return;
        }
        int inserted = jdbi.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO local_user_profiles (id, email, first_name, last_name, user_type, plan)
                    VALUES (:id, :email, :first, :last, 'user', 'pro')
                    ON CONFLICT DO NOTHING
                    """);
            for (int i = 0; i < USERS; i++) {
                if (i % NO_PROFILE_EVERY != 0) {
                    batch.bind("id", users[i]).bind("email", "user" + i + "@example.com")
                            .bind("first", "First" + i).bind("last", "Last" + i).add();
                }
            }
            return Arrays.stream(batch.execute()).sum();
        });
        System.err.printf("Profiles: %,d inserted into local_user_profiles (%,d were there)%n", inserted, present);
    }

    private static void progress(long done, long total, long started) {
        int width = 40;
        int filled = (int) (width * done / total);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("\r[%s%s] %,d/%,d rows  %.0f rows/s", "#".repeat(filled), " ".repeat(width - filled), done,
                total, done / Math.max(seconds, 1e-9));
    }

    private static void measure(Jdbi jdbi, Clock clock, LocalDate today, long rows) {
        UserDirectory directory = new SupabaseFactory().cached(Services.localDirectory(jdbi));
        SystemStatsSource system = new SystemStatsSource(new MetricRegistry(),
                new DashboardStats.FeaturesEnabled(true, false, true, true));
        OpenAiCosts costs = new OpenAiCosts(StatsFactory.defaultPrices());
        DashboardService fast = new DashboardService(new RollupDashboard(ReadDatabase.of(jdbi)), directory, costs, system, Duration.ZERO, clock);
        DashboardService naive = new DashboardService(new NaiveDashboard(jdbi), directory, costs, system, Duration.ZERO, clock);

        System.out.printf("Data: %,d conversations over %d days, %,d users%n", rows, DAYS, USERS);
        for (DashboardRange.Period range : List.of(DashboardRange.Period.MONTH, DashboardRange.Period.YEAR)) {
            double[] cold = time(() -> fast.dashboard(DashboardRange.of(range, today)), 20, 200);
            double[] slow = time(() -> naive.dashboard(DashboardRange.of(range, today)), 1, 5);
            System.out.printf("Dashboard range=%s cold from rollups: median %.2f ms, p99 %.2f ms; naive SQL: median %.1f ms;"
                    + " ratio %.0fx%n", range, median(cold), p99(cold), median(slow), median(slow) / median(cold));
        }

        for (DashboardRange.Period range : List.of(DashboardRange.Period.MONTH, DashboardRange.Period.YEAR)) {
            DashboardRange r = DashboardRange.of(range, today);
            DashboardFigures.Latency estimated = new RollupDashboard(ReadDatabase.of(jdbi)).compute(r).latency();
            DashboardFigures.Latency exact = new NaiveDashboard(jdbi).compute(r).latency();
            System.out.printf("Percentiles range=%s (estimate/exact ms): p50 %.0f/%.0f (%.2f%%), p95 %.0f/%.0f (%.2f%%),"
                    + " p99 %.0f/%.0f (%.2f%%)%n", range,
                    estimated.p50Ms(), exact.p50Ms(), error(estimated.p50Ms(), exact.p50Ms()),
                    estimated.p95Ms(), exact.p95Ms(), error(estimated.p95Ms(), exact.p95Ms()),
                    estimated.p99Ms(), exact.p99Ms(), error(estimated.p99Ms(), exact.p99Ms()));
        }
    }

    private static double error(double estimate, double exact) {
        return 100 * Math.abs(estimate - exact) / exact;
    }

    private static double[] time(Supplier<?> call, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            call.get();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double p99(double[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1)];
    }
}
