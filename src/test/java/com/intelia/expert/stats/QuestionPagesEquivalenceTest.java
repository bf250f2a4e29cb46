package com.intelia.expert.stats;

import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.api.QuestionsPage;
import com.intelia.expert.db.RollupDao;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page N of the questions list, by number and by cursor, is exactly {@code OFFSET (N - 1) * limit} of a plain query
 * ordered by (created_at, id) descending, for any data and any filters: rows of several users over six weeks (so
 * over two months), many at the same instant or at a day's first and last microsecond, written in two statements
 * around a compaction of the rollups (closed days folded, today's rows still in shards, closed days written again
 * after it), then some deleted (status) or removed, and some moved to another day. Every page from the first to one
 * past the last is compared, for admins and for a user.
 */
class QuestionPagesEquivalenceTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-11-20");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T15:00:00Z"), ZoneOffset.UTC);
    private static final List<UUID> USERS = List.of(UUID.fromString("a11ce000-0000-4000-8000-000000000001"),
            UUID.fromString("b0b00000-0000-4000-8000-000000000002"),
            UUID.fromString("c0c00000-0000-4000-8000-000000000003"));
    /** Stored sources, "" and null among them; the filter's keys and the stored values each one selects. */
    private static final String[] SOURCES = {"rag", "rag_retriever", "table_lookup", "openai_fallback", "error", "", null};
    private static final List<String> KEYS = List.of("rag_retriever", "perfstore", "openai_fallback", "error", "unknown");
    /** Times of day in microseconds: midnight, its next microsecond, noon, the day's last microsecond. */
    private static final long[] TIMES = {0, 1, 43_200_000_000L, 86_399_999_999L};

    private static TestDatabase database;
    private static Jdbi jdbi;
    private static QuestionsService service;

    /** One question as written. */
    record Row(int user, int daysAgo, long micros, int source, Integer feedback, boolean french, boolean feed,
               long idHigh) {
    }

    /** Written in two statements around a compaction, then changed. */
    record Dataset(List<Row> before, List<Row> after, List<Integer> deleted, List<Integer> removed,
                   List<Integer> moved) {
    }

    /**
     * One request: the caller (a user, or null for an admin), the filters (each may be null; user only for an
     * admin; text 1 language, 2 q, 3 both) and the page size.
     */
    record Ask(Integer caller, Integer user, String source, QuestionsQuery.Feedback feedback, int text,
               QuestionsQuery.Bound from, QuestionsQuery.Bound to, int limit) {

        QuestionsQuery query(long page) {
            UUID userFilter = caller != null || user == null ? null : USERS.get(user);
            return new QuestionsQuery(page, limit, null, userFilter, source, feedback, french() ? "fr" : null, from,
                    to, search() ? "feed" : null);
        }

        boolean french() {
            return (text & 1) != 0;
        }

        boolean search() {
            return (text & 2) != 0;
        }
    }

    @BeforeContainer
    static void database() {
        database = TestDatabase.migrated();
        jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
        service = new QuestionsService(ReadDatabase.of(jdbi), Services.localDirectory(jdbi), CLOCK);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void everyPageByNumberAndByCursorIsThatOfAnOffsetQuery(@ForAll("datasets") Dataset data,
                                                           @ForAll("asks") List<Ask> asks) {
        write(data);
        for (Ask ask : asks) {
            List<String> expected = naive(ask);
            long pages = (expected.size() + ask.limit() - 1) / ask.limit();
            boolean admin = ask.caller() == null;
            UUID caller = admin ? UUID.randomUUID() : USERS.get(ask.caller());
            for (long page = 1; page <= pages + 1; page++) {
                QuestionsPage answer = service.questions(caller, admin, ask.query(page));
                int from = (int) Math.min(expected.size(), (page - 1) * ask.limit());
                int to = (int) Math.min(expected.size(), page * ask.limit());
                assertThat(answer.questions()).as("%s page %d", ask, page).extracting(QuestionsPage.Question::id)
                        .containsExactlyElementsOf(expected.subList(from, to));
                assertThat(answer.pagination().total()).as("%s total", ask).isEqualTo(expected.size());
                assertThat(answer.pagination().totalExact()).isTrue();
                assertThat(answer.pagination().pages()).isEqualTo(pages);
                assertThat(answer.pagination().hasNext()).as("%s page %d", ask, page).isEqualTo(page < pages);
            }
            List<String> walked = new ArrayList<>();
            QuestionsPage answer = service.questions(caller, admin, ask.query(1));
            answer.questions().forEach(q -> walked.add(q.id()));
            while (answer.nextCursor() != null) {
                answer = service.questions(caller, admin,
                        ask.query(1).withCursor(QuestionsCursor.decode(answer.nextCursor())));
                answer.questions().forEach(q -> walked.add(q.id()));
            }
            assertThat(walked).as("%s by cursor", ask).containsExactlyElementsOf(expected);
        }
    }

    @Provide
    Arbitrary<Dataset> datasets() {
        Arbitrary<List<Row>> before = rows().list().ofMaxSize(150);
        Arbitrary<List<Row>> after = rows().list().ofMaxSize(40);
        Arbitrary<List<Integer>> picks = Arbitraries.integers().between(0, 189).list().ofMaxSize(25);
        return Combinators.combine(before, after, picks, picks, picks).as(Dataset::new);
    }

    private static Arbitrary<Row> rows() {
        Arbitrary<Integer> daysAgo = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 2)),
                Tuple.of(4, Arbitraries.integers().between(0, 45)));
        Arbitrary<Long> micros = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(TIMES[0], TIMES[1], TIMES[2], TIMES[3])),
                Tuple.of(1, Arbitraries.longs().between(0, 86_399_999_999L)));
        return Combinators.combine(Arbitraries.integers().between(0, USERS.size() - 1), daysAgo, micros,
                Arbitraries.integers().between(0, SOURCES.length - 1), Arbitraries.of(1, -1).injectNull(0.6),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.longs()).as(Row::new);
    }

    @Provide
    Arbitrary<List<Ask>> asks() {
        Arbitrary<QuestionsQuery.Bound> bound = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 46).map(d -> QuestionsQuery.Bound.day(TODAY.minusDays(d))),
                Combinators.combine(Arbitraries.integers().between(0, 46),
                                Arbitraries.of(TIMES[0], TIMES[1], TIMES[2], TIMES[3], 30_000_000_000L))
                        .as((d, t) -> QuestionsQuery.Bound.instant(at(d, t))))
                .injectNull(0.6);
        return Combinators.combine(
                        Arbitraries.integers().between(0, USERS.size() - 1).injectNull(0.6),
                        Arbitraries.integers().between(0, USERS.size() - 1).injectNull(0.7),
                        Arbitraries.of(KEYS).injectNull(0.7),
                        Arbitraries.of(QuestionsQuery.Feedback.class).injectNull(0.7),
                        Arbitraries.of(0, 0, 0, 0, 0, 0, 0, 1, 2, 3),
                        bound, bound,
                        Arbitraries.integers().between(1, 25).filter(l -> l >= 3 || l == 1))
                .as(Ask::new)
                .filter(ask -> !ask.query(1).periodIsEmpty())
                .list().ofMinSize(1).ofMaxSize(4);
    }

    private static OffsetDateTime at(int daysAgo, long micros) {
        return TODAY.minusDays(daysAgo).atStartOfDay().atOffset(ZoneOffset.UTC).plusNanos(micros * 1000);
    }

    /** A clean database, the rows written through the triggers as the service writes them, and the changes. */
    private static void write(Dataset data) {
        database.execute("TRUNCATE conversations, stats_daily, stats_daily_source, stats_daily_user,"
                + " stats_monthly_user, stats_daily_latency, stats_daily_model, stats_delta_log CASCADE");
        List<UUID> ids = new ArrayList<>();
        insert(data.before(), ids);
        jdbi.useHandle(handle -> {
            new RollupDao(handle).fold();
            new RollupDao(handle).compactBefore(TODAY);
        });
        insert(data.after(), ids);
        if (ids.isEmpty()) {
            return;
        }
        change("UPDATE conversations SET status = 'deleted' WHERE id = ANY(:ids)", picked(data.deleted(), ids));
        change("DELETE FROM conversations WHERE id = ANY(:ids)", picked(data.removed(), ids));
        change("UPDATE conversations SET created_at = created_at - interval '1 day 7 hours' WHERE id = ANY(:ids)",
                picked(data.moved(), ids));
    }

    private static List<UUID> picked(List<Integer> picks, List<UUID> ids) {
        return picks.stream().map(i -> ids.get(i % ids.size())).distinct().toList();
    }

    private static void change(String sql, List<UUID> ids) {
        jdbi.useHandle(handle -> handle.createUpdate(sql).bindArray("ids", UUID.class, ids).execute());
    }

    private static void insert(List<Row> rows, List<UUID> ids) {
        if (rows.isEmpty()) {
            return;
        }
        List<UUID> batch = IntStream.range(0, rows.size())
                .mapToObj(i -> new UUID(rows.get(i).idHigh(), ids.size() + i)).toList();
        ids.addAll(batch);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO conversations (id, session_id, user_id, question, response, response_source,
                                                   feedback, language, created_at)
                        SELECT id, 's-' || id, user_id, question, 'Answer', source, feedback, language, created_at
                        FROM unnest(:ids, :users, :questions, :sources, :feedback, :languages, CAST(:times AS timestamptz[]))
                             AS r(id, user_id, question, source, feedback, language, created_at)
                        """)
                .bindArray("ids", UUID.class, batch)
                .bindArray("users", UUID.class, rows.stream().map(r -> USERS.get(r.user())).toList())
                .bindArray("questions", String.class,
                        rows.stream().map(r -> r.feed() ? "How to improve FEED conversion?" : "Water intake?").toList())
                .bindArray("sources", String.class, rows.stream().map(r -> SOURCES[r.source()]).toList())
                .bindArray("feedback", Short.class,
                        rows.stream().map(r -> r.feedback() == null ? null : r.feedback().shortValue()).toList())
                .bindArray("languages", String.class, rows.stream().map(r -> r.french() ? "fr" : "en").toList())
                .bindArray("times", String.class, rows.stream().map(r -> at(r.daysAgo(), r.micros()).toString()).toList())
                .execute());
    }

    /** The ids of the list by a plain query, written here from the filters' documented meaning. */
    private static List<String> naive(Ask ask) {
        List<String> where = new ArrayList<>(List.of("status = 'active'"));
        UUID user = ask.caller() != null ? USERS.get(ask.caller()) : ask.user() == null ? null : USERS.get(ask.user());
        if (user != null) {
            where.add("user_id = '" + user + "'");
        }
        if (ask.source() != null) {
            String stored = switch (ask.source()) {
                case "rag_retriever" -> "'rag', 'rag_retriever'";
                case "perfstore" -> "'table_lookup', 'perfstore'";
                case "unknown" -> "'', 'unknown'";
                default -> "'" + ask.source() + "'";
            };
            where.add("COALESCE(response_source, '') IN (" + stored + ")");
        }
        if (ask.feedback() != null) {
            where.add(switch (ask.feedback()) {
                case POSITIVE -> "feedback = 1";
                case NEGATIVE -> "feedback = -1";
                case NONE -> "feedback IS NULL";
            });
        }
        if (ask.french()) {
            where.add("language = 'fr'");
        }
        if (ask.from() != null) {
            where.add("created_at >= '" + (ask.from().day() != null
                    ? ask.from().day().atStartOfDay().atOffset(ZoneOffset.UTC) : ask.from().instant()) + "'");
        }
        if (ask.to() != null) {
            where.add(ask.to().day() != null
                    ? "created_at < '" + ask.to().day().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC) + "'"
                    : "created_at <= '" + ask.to().instant() + "'");
        }
        if (ask.search()) {
            where.add("(question ILIKE '%feed%' OR response ILIKE '%feed%')");
        }
        return database.rows("SELECT id::text AS id FROM conversations WHERE " + String.join(" AND ", where)
                        + " ORDER BY created_at DESC, id DESC").stream()
                .map(r -> (String) r.get("id")).collect(Collectors.toList());
    }
}
