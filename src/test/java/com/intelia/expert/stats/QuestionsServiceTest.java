package com.intelia.expert.stats;

import com.intelia.expert.db.ReadDatabase;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.intelia.expert.api.QuestionsPage;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.intelia.expert.support.SupabaseStub.postgrestError;
import static com.intelia.expert.support.SupabaseStub.users;
import static com.intelia.expert.support.SupabaseStub.usersRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The questions page against a real PostgreSQL: filters, search, pages, cursors, roles and bad parameters. Askers
 * are named from the local directory in the same database, or from a Supabase stub over HTTP where the number of
 * requests or Supabase's failures matter.
 */
class QuestionsServiceTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = SupabaseStub.server();

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID BOB = UUID.fromString("b0b00000-0000-4000-8000-000000000002");
    private static final UUID ORPHAN = UUID.fromString("843d440a-0000-4000-8000-000000000003");
    private static final UUID CAROL = UUID.fromString("d0d00000-0000-4000-8000-000000000004");
    private static final Profile ALICE_PROFILE = new Profile(ALICE, "alice@example.com", "Alice", "Martin", "user", "pro");
    private static final Profile BOB_PROFILE = new Profile(BOB, "bob@example.com", "Bob", "Durand", "user", "free");
    private static final Profile CAROL_PROFILE = new Profile(CAROL, "carol@example.com", "Carol", "Petit", "user", "pro");
    private static final String UUID_PATTERN = ".*[0-9a-f]{8}-[0-9a-f]{4}-.*";
    private static final QuestionsService SERVICE = new QuestionsService(ReadDatabase.of(JDBI), Services.localDirectory(JDBI), CLOCK);

    private final Client client = ClientBuilder.newClient();

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** The same service, its askers named by Supabase (the stub) without a cache, so that each request shows. */
    private QuestionsService overSupabase() {
        return new QuestionsService(ReadDatabase.of(JDBI),
                SupabaseStub.factory(SUPABASE.baseUrl()).buildSupabaseDirectory(client, CLOCK), CLOCK);
    }

    @BeforeAll
    static void rows() {
        LocalUserDirectory profiles = Services.localDirectory(JDBI);
        profiles.save(ALICE_PROFILE);
        profiles.save(BOB_PROFILE);
        profiles.save(CAROL_PROFILE);
        DATABASE.execute("""
                INSERT INTO conversations (id, session_id, user_id, question, response, response_source,
                    processing_time_ms, language, feedback, created_at)
                SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 's-' || g,
                       (ARRAY['%s', '%s', '%s', '%s'])[g %% 4 + 1]::uuid,
                       CASE WHEN g %% 10 = 0 THEN 'Which Coccidiosis vaccine for broilers, day ' || g
                            ELSE 'Question ' || g || ' about feed conversion' END,
                       CASE WHEN g %% 15 = 0 THEN 'Use 100%% of the dose' ELSE 'Answer ' || g END,
                       (ARRAY['rag', 'openai_fallback', 'table_lookup'])[g %% 3 + 1],
                       1000 + g, CASE WHEN g %% 2 = 0 THEN 'fr' ELSE 'en' END,
                       CASE g %% 5 WHEN 0 THEN 1 WHEN 1 THEN -1 END,
                       timestamptz '2025-10-01 00:00:00+00' + g * interval '7 hours'
                FROM generate_series(1, 130) g
                """.formatted(ALICE, BOB, ORPHAN, CAROL));
        // two rows at the same instant, so that the cursor must break ties on id
        DATABASE.execute("UPDATE conversations SET created_at = timestamptz '2025-10-10 10:00:00+00'"
                + " WHERE session_id IN ('s-40', 's-41')");
        DATABASE.execute("UPDATE conversations SET status = 'deleted' WHERE session_id = 's-7'");
    }

    private static QuestionsQuery request() {
        return QuestionsQuery.firstPage();
    }

    /** A page of up to 100 rows with the given filters (each may be null). */
    private static QuestionsQuery filtered(UUID user, String source, QuestionsQuery.Feedback feedback, String language,
                                           QuestionsQuery.Bound from, QuestionsQuery.Bound to, String search) {
        return new QuestionsQuery(1, 100, null, user, source, feedback, language, from, to, search);
    }

    private static QuestionsQuery.Bound day(String day) {
        return QuestionsQuery.Bound.day(LocalDate.parse(day));
    }

    private static QuestionsQuery.Bound instant(String at) {
        return QuestionsQuery.Bound.instant(OffsetDateTime.parse(at));
    }

    private static long count(String where) {
        return (Long) DATABASE.value("SELECT count(*) FROM conversations WHERE status = 'active' AND " + where);
    }

    @Test
    void anAdminSeesEveryUsersQuestionsNewestFirstWithTotalAndPages() {
        QuestionsPage page = SERVICE.questions(ALICE, true, request());

        assertThat(page.pagination().total()).isEqualTo(129);
        assertThat(page.pagination().pages()).isEqualTo(7);
        assertThat(page.pagination().hasNext()).isTrue();
        assertThat(page.pagination().hasPrev()).isFalse();
        assertThat(page.questions()).hasSize(20);
        assertThat(page.questions().get(0).id()).isEqualTo("00000000-0000-4000-8000-000000000130");
        assertThat(page.questions().get(0).timestamp()).isEqualTo("2025-11-07T22:00:00Z");
        assertThat(page.meta().userRole()).isEqualTo("admin");
        assertThat(page.meta().retrieved()).isEqualTo(20);
        assertThat(page.questions()).extracting(QuestionsPage.Question::userEmail)
                .contains("alice@example.com", "carol@example.com", "Unknown user (843d440a)")
                .noneMatch(email -> email.matches(UUID_PATTERN));
        QuestionsPage.Question alice = asker(page, ALICE);
        assertThat(alice.userName()).isEqualTo("Alice Martin");
        assertThat(alice.profileStatus()).isEqualTo("found");
        QuestionsPage.Question orphan = asker(page, ORPHAN);
        assertThat(orphan.userName()).isEqualTo("Unknown user (843d440a)");
        assertThat(orphan.profileStatus()).isEqualTo("missing");
        assertThat(page.questions()).extracting(QuestionsPage.Question::sourceDisplay)
                .contains("Knowledge base (RAG)", "OpenAI fallback", "Performance tables");
        assertThat(page.questions().get(0).responseTime()).isEqualTo(1.13);
    }

    private static QuestionsPage.Question asker(QuestionsPage page, UUID userId) {
        return page.questions().stream().filter(q -> userId.equals(q.userId())).findFirst().orElseThrow();
    }

    @Test
    void eachPageNamesItsAskersFromOneBatchedSupabaseRequest() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.profiles(ALICE_PROFILE, BOB_PROFILE, CAROL_PROFILE)));
        QuestionsService service = overSupabase();

        QuestionsPage first = service.questions(ALICE, true, request());

        List<LoggedRequest> sent = SUPABASE.findAll(usersRequested());
        assertThat(sent).as("one batched directory request for a page of 20 questions").hasSize(1);
        assertThat(sent.get(0).queryParameter("id").firstValue())
                .startsWith("in.(").contains(ALICE.toString(), BOB.toString(), CAROL.toString(), ORPHAN.toString());
        assertThat(first.questions()).hasSize(20);
        assertThat(asker(first, BOB).userName()).isEqualTo("Bob Durand");
        assertThat(asker(first, BOB).userEmail()).isEqualTo("bob@example.com");
        assertThat(asker(first, CAROL).profileStatus()).isEqualTo("found");
        assertThat(asker(first, ORPHAN).userEmail()).isEqualTo("Unknown user (843d440a)");
        assertThat(asker(first, ORPHAN).profileStatus()).isEqualTo("missing");

        service.questions(ALICE, true, request().withCursor(QuestionsCursor.decode(first.nextCursor())));

        assertThat(SUPABASE.findAll(usersRequested())).as("one more request for the next page").hasSize(2);
    }

    @Test
    void whenSupabaseIsDownEveryAskerOnThePageShowsTheUnavailableLabel() {
        SUPABASE.stubFor(users().willReturn(postgrestError(503, "08006", "connection to the database failed")));

        QuestionsPage page = overSupabase().questions(ALICE, true, request());

        assertThat(page.questions()).as("the questions are still listed").hasSize(20);
        assertThat(page.pagination().total()).isEqualTo(129);
        assertThat(page.questions()).extracting(QuestionsPage.Question::userId)
                .contains(ALICE, BOB, CAROL, ORPHAN);
        assertThat(page.questions()).allSatisfy(q -> {
            String label = "Profile unavailable (" + q.userId().toString().substring(0, 8) + ")";
            assertThat(q.userEmail()).isEqualTo(label);
            assertThat(q.userName()).isEqualTo(label);
            assertThat(q.profileStatus()).isEqualTo("unavailable");
        });
        assertThat(page.questions()).extracting(QuestionsPage.Question::userEmail)
                .noneMatch(email -> email.matches(UUID_PATTERN));
    }

    @Test
    void aUserSeesOnlyTheirOwnQuestionsAndCannotAskForAnothers() {
        QuestionsPage page = SERVICE.questions(ALICE, false, request().withPage(1, 100));

        assertThat(page.questions()).isNotEmpty().allSatisfy(q -> assertThat(q.userId()).isEqualTo(ALICE));
        assertThat(page.pagination().total()).isEqualTo(count("user_id = '" + ALICE + "'"));
        assertThat(page.meta().userRole()).isEqualTo("user");
        assertThatThrownBy(() -> SERVICE.questions(ALICE, false, filtered(BOB, null, null, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("user_id");
    }

    @Test
    void everyFilterKeepsOnlyMatchingRowsAndCountsThem() {
        record Case(QuestionsQuery request, String where) {
        }
        List<Case> cases = List.of(
                new Case(filtered(BOB, null, null, null, null, null, null), "user_id = '" + BOB + "'"),
                new Case(filtered(null, "rag_retriever", null, null, null, null, null),
                        "response_source IN ('rag', 'rag_retriever')"),
                new Case(filtered(null, null, QuestionsQuery.Feedback.POSITIVE, null, null, null, null), "feedback = 1"),
                new Case(filtered(null, null, QuestionsQuery.Feedback.NEGATIVE, null, null, null, null), "feedback = -1"),
                new Case(filtered(null, null, QuestionsQuery.Feedback.NONE, null, null, null, null), "feedback IS NULL"),
                new Case(filtered(null, null, null, "fr", null, null, null), "language = 'fr'"),
                new Case(filtered(null, null, null, null, day("2025-10-05"), day("2025-10-20"), null),
                        "created_at >= '2025-10-05' AND created_at < '2025-10-21'"),
                new Case(filtered(null, "rag_retriever", null, null, day("2025-10-05"), null, null),
                        "response_source = 'rag' AND created_at >= '2025-10-05'"),
                new Case(filtered(null, null, null, "en", instant("2025-10-05T06:00:00Z"), instant("2025-10-20T06:00:00Z"),
                        null), "language = 'en' AND created_at >= '2025-10-05T06:00:00Z'"
                        + " AND created_at <= '2025-10-20T06:00:00Z'"),
                new Case(filtered(null, null, null, null, null, null, "coccidiosis"), "question ILIKE '%coccidiosis%'"),
                new Case(filtered(ALICE, "perfstore", QuestionsQuery.Feedback.NONE, "fr", null, null, "FEED"),
                        "user_id = '" + ALICE + "' AND response_source IN ('table_lookup', 'perfstore')"
                        + " AND feedback IS NULL AND language = 'fr' AND (question ILIKE '%feed%' OR response ILIKE '%feed%')"));
        for (Case c : cases) {
            QuestionsPage page = SERVICE.questions(ALICE, true, c.request());
            List<String> expected = DATABASE.rows("SELECT id::text AS id FROM conversations WHERE status = 'active'"
                    + " AND " + c.where() + " ORDER BY created_at DESC, id DESC LIMIT 100").stream()
                    .map(r -> (String) r.get("id")).toList();
            assertThat(expected).as(c.where()).isNotEmpty();
            assertThat(page.questions()).as(c.where()).extracting(QuestionsPage.Question::id)
                    .containsExactlyElementsOf(expected);
            assertThat(page.pagination().total()).as(c.where()).isEqualTo(count(c.where()));
            assertThat(page.pagination().totalExact()).isTrue();
        }
    }

    @Test
    void searchIsCaseInsensitiveAndTakesWildcardsLiterally() {
        QuestionsPage percent = SERVICE.questions(BOB, true, filtered(null, null, null, null, null, null, "100%"));
        assertThat(percent.questions()).isNotEmpty()
                .allSatisfy(q -> assertThat(q.response()).contains("100%"));
        QuestionsPage wildcard = SERVICE.questions(BOB, true, filtered(null, null, null, null, null, null, "Ans_er"));
        assertThat(wildcard.questions()).isEmpty();
        assertThat(wildcard.pagination().total()).isZero();
        assertThat(wildcard.pagination().pages()).isZero();
    }

    @Test
    void cursorPagesAreTheSameAsOffsetPages() {
        List<String> byOffset = new ArrayList<>();
        for (int page = 1; page <= 19; page++) {
            SERVICE.questions(ALICE, true, request().withPage(page, 7)).questions()
                    .forEach(q -> byOffset.add(q.id()));
        }
        List<String> byCursor = new ArrayList<>();
        QuestionsPage page = SERVICE.questions(ALICE, true, request().withPage(1, 7));
        int pages = 1;
        page.questions().forEach(q -> byCursor.add(q.id()));
        while (page.nextCursor() != null) {
            page = SERVICE.questions(ALICE, true,
                    request().withPage(1, 7).withCursor(QuestionsCursor.decode(page.nextCursor())));
            pages++;
            assertThat(page.pagination().page()).isEqualTo(pages);
            assertThat(page.pagination().hasPrev()).isTrue();
            page.questions().forEach(q -> byCursor.add(q.id()));
        }
        assertThat(pages).isEqualTo(19);
        assertThat(byCursor).hasSize(129).doesNotHaveDuplicates().containsExactlyElementsOf(byOffset);
        assertThat(page.pagination().hasNext()).isFalse();
    }

    @Test
    void aPagePastTheLastOneIsEmptyWithTheTrueTotal() {
        for (long pageNumber : List.of(7L, 8L, 200L, 5_000L, 99_999_999L)) {
            QuestionsPage page = SERVICE.questions(ALICE, true, request().withPage(pageNumber, 20));

            assertThat(page.pagination().total()).as("page %d", pageNumber).isEqualTo(129);
            assertThat(page.pagination().pages()).isEqualTo(7);
            assertThat(page.pagination().totalExact()).isTrue();
            assertThat(page.pagination().page()).isEqualTo(pageNumber);
            assertThat(page.pagination().hasNext()).isFalse();
            assertThat(page.questions()).hasSize(pageNumber == 7 ? 9 : 0);
        }
    }

    @Test
    void aTotalCountedOnlyUpToTheCapIsFlaggedAndNeverRaisedFromTheOffset() {
        TestDatabase many = TestDatabase.migrated();
        many.execute("""
                INSERT INTO conversations (session_id, user_id, question, response, language, created_at)
                SELECT 's-' || g, '%s', 'Question ' || g, 'Answer', 'fr', timestamptz '2025-10-01' + g * interval '1 minute'
                FROM generate_series(1, 10050) g
                """.formatted(ALICE));
        Jdbi jdbi = Jdbi.create(many.dataSource()).installPlugin(new SqlObjectPlugin());
        QuestionsService service = new QuestionsService(ReadDatabase.of(jdbi), Services.localDirectory(jdbi), CLOCK);

        QuestionsPage inside = service.questions(ALICE, true, filtered(null, null, null, "fr", null, null, null)
                .withPage(5, 100));
        QuestionsPage beyondTheCap = service.questions(ALICE, true, filtered(null, null, null, "fr", null, null, null)
                .withPage(101, 100));
        QuestionsPage unfiltered = service.questions(ALICE, true, request().withPage(101, 100));

        assertThat(inside.pagination().total()).isEqualTo(QuestionsService.COUNT_CAP);
        assertThat(inside.pagination().totalExact()).as("a count stopped at the cap is a lower bound").isFalse();
        assertThat(beyondTheCap.questions()).hasSize(50);
        assertThat(beyondTheCap.pagination().total()).isEqualTo(QuestionsService.COUNT_CAP);
        assertThat(beyondTheCap.pagination().totalExact()).isFalse();
        assertThat(unfiltered.pagination().total()).as("the rollups know the exact total").isEqualTo(10_050);
        assertThat(unfiltered.pagination().totalExact()).isTrue();
        assertThatThrownBy(() -> service.questions(ALICE, true, filtered(null, null, null, "fr", null, null, null)
                .withPage(2_000, 100))).isInstanceOf(QuestionsService.PageTooDeepException.class);
    }
}
