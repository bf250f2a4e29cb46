package com.intelia.expert.bench;

import com.intelia.expert.db.ReadDatabase;
import com.codahale.metrics.MetricRegistry;
import com.intelia.expert.api.QuestionsPage;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.stats.QuestionsCursor;
import com.intelia.expert.stats.QuestionsQuery;
import com.intelia.expert.stats.QuestionsService;
import com.intelia.expert.support.Services;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The questions list by page number as the statistics page asks it (limit 20, never a cursor): page 1, the middle
 * page and the last page, for an admin (every question) and for a user (own questions), next to the same pages
 * reached by cursor, and any page at random. Each figure in three states: warm (the same request again and again),
 * spread (each request another page, or another user's: the pages' index and table blocks mostly not yet read) and
 * cold (after PostgreSQL restarted with the OS cache of its files dropped and the directory cache emptied, the first
 * request for that page on a connection that has served one request, another user's first page, so that the
 * tables' catalog entries are loaded but none of this page's blocks). Requests go through a connection pool configured as the service's, with the service's QuestionsService
 * and the production profile cache over the local directory.
 */
final class QuestionsPagesBench {

    private static final int LIMIT = 20;
    private static final int WARMUP = 50;
    private static final int RUNS = 1_000;
    private static final int COLD_RUNS = 10;

    /** Restarts PostgreSQL with empty shared buffers and the OS cache of its data files dropped. */
    interface ColdStart {
        void restart() throws Exception;
    }

    private final String jdbcUrl;
    private final String user;
    private final Clock clock;
    private final ColdStart cold;

    QuestionsPagesBench(String jdbcUrl, String user, Clock clock, ColdStart cold) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.clock = clock;
        this.cold = cold;
    }

    /** One request of the list: who asks, and the page by number or the cursor that reaches it. */
    private record Ask(String name, UUID caller, boolean admin, QuestionsQuery query) {
    }

    void run(List<UUID> users) throws Exception {
        UUID admin = UUID.randomUUID();
        UUID asker = users.get(1);
        UUID primer = users.get(2);
        List<Ask> asks = new ArrayList<>();
        try (Pool pool = new Pool()) {
            QuestionsService service = pool.service();
            long adminPages = service.questions(admin, true, page(1)).pagination().pages();
            long userPages = service.questions(asker, false, page(1)).pagination().pages();
            long adminTotal = service.questions(admin, true, page(1)).pagination().total();
            long userTotal = service.questions(asker, false, page(1)).pagination().total();
            System.out.printf("Questions list: admin %,d rows in %,d pages of %d; user %s %,d rows in %,d pages%n",
                    adminTotal, adminPages, LIMIT, asker, userTotal, userPages);
            for (long p : List.of(1L, adminPages / 2, adminPages)) {
                asks.add(new Ask("admin page " + p + " by number", admin, true, page(p)));
            }
            asks.add(byCursor(service, "admin", admin, true, adminPages / 2));
            asks.add(byCursor(service, "admin", admin, true, adminPages));
            for (long p : List.of(1L, Math.max(1, userPages / 2), userPages)) {
                asks.add(new Ask("user page " + p + " by number", asker, false, page(p)));
            }
            asks.add(byCursor(service, "user", asker, false, Math.max(2, userPages / 2)));
            asks.add(byCursor(service, "user", asker, false, userPages));

            for (Ask ask : asks) {
                check(service, ask);
                double[] warm = time(() -> service.questions(ask.caller(), ask.admin(), ask.query()));
                System.out.printf("  warm   %-34s median %6.2f ms  p99 %6.2f ms  (%d runs)%n", ask.name(),
                        median(warm), p99(warm), RUNS);
            }
            Random random = new Random(7);
            double[] anyPage = time(() -> service.questions(admin, true, page(1 + (long) (random.nextDouble() * adminPages))));
            System.out.printf("  spread admin, a random page of %,d each time  median %6.2f ms  p99 %6.2f ms  (%d runs)%n",
                    adminPages, median(anyPage), p99(anyPage), RUNS);
            double[] anyUser = time(() -> {
                UUID someone = users.get(random.nextInt(users.size()));
                return service.questions(someone, false, page(1 + random.nextInt((int) userPages)));
            });
            System.out.printf("  spread user, a random user's random page       median %6.2f ms  p99 %6.2f ms  (%d runs)%n",
                    median(anyUser), p99(anyUser), RUNS);
        }
        for (Ask ask : asks) {
            double[] first = new double[COLD_RUNS];
            for (int i = 0; i < COLD_RUNS; i++) {
                cold.restart();
                try (Pool pool = new Pool()) {
                    QuestionsService service = pool.service();
                    // the connection opens the tables once (catalogs), on another user's rows
                    service.questions(primer, false, page(1));
                    long started = System.nanoTime();
                    service.questions(ask.caller(), ask.admin(), ask.query());
                    first[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            Arrays.sort(first);
            System.out.printf("  cold   %-34s median %6.2f ms  max %6.2f ms  (%d restarts)%n", ask.name(),
                    median(first), first[first.length - 1], COLD_RUNS);
        }
    }

    /** The page reached by the next_cursor of the page before it, as a client following cursors would. */
    private static Ask byCursor(QuestionsService service, String who, UUID caller, boolean admin, long page) {
        QuestionsPage before = service.questions(caller, admin, page(page - 1));
        QuestionsCursor cursor = QuestionsCursor.decode(before.nextCursor());
        return new Ask(who + " page " + page + " by cursor", caller, admin, QuestionsQuery.firstPage()
                .withPage(1, LIMIT).withCursor(cursor));
    }

    /** The page by number and by cursor hold the same rows; a full page unless it is the last. */
    private static void check(QuestionsService service, Ask ask) {
        QuestionsPage answer = service.questions(ask.caller(), ask.admin(), ask.query());
        if (answer.questions().isEmpty() || answer.pagination().page() < answer.pagination().pages()
                && answer.questions().size() != LIMIT) {
            throw new IllegalStateException(ask.name() + ": " + answer.questions().size() + " rows");
        }
        if (ask.query().cursor() != null) {
            QuestionsPage byNumber = service.questions(ask.caller(), ask.admin(), page(answer.pagination().page()));
            if (!byNumber.questions().equals(answer.questions())) {
                throw new IllegalStateException(ask.name() + " differs from the same page by number");
            }
        }
    }

    private static QuestionsQuery page(long page) {
        return QuestionsQuery.firstPage().withPage(page, LIMIT);
    }

    private static double[] time(Supplier<?> call) {
        for (int i = 0; i < WARMUP; i++) {
            call.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    static double p99(double[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1)];
    }

    /** A connection pool set up as the service's (PostgresFactory): validated on borrow, rolled back on return. */
    private final class Pool implements AutoCloseable {
        private final ManagedDataSource dataSource;
        private final Jdbi jdbi;

        Pool() {
            DataSourceFactory factory = new DataSourceFactory();
            factory.setDriverClass("org.postgresql.Driver");
            factory.setUrl(jdbcUrl);
            factory.setUser(user);
            factory.setPassword("");
            factory.setMinSize(1);
            factory.setInitialSize(1);
            factory.setMaxSize(4);
            factory.setAutoCommitByDefault(true);
            factory.setRollbackOnReturn(true);
            factory.setCheckConnectionOnBorrow(true);
            factory.setValidationQuery("/* pool check */ SELECT 1");
            factory.setValidationInterval(Duration.seconds(1));
            dataSource = factory.build(new MetricRegistry(), "bench");
            jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        }

        /** The service with its own directory cache, empty at first, as after a restart of the service. */
        QuestionsService service() {
            return new QuestionsService(ReadDatabase.of(jdbi), new SupabaseFactory().cached(Services.localDirectory(jdbi)), clock);
        }

        @Override
        public void close() throws Exception {
            dataSource.stop();
        }
    }
}
