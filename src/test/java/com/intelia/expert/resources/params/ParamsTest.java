package com.intelia.expert.resources.params;

import com.intelia.expert.stats.DashboardRange;
import com.intelia.expert.stats.QuestionsQuery;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each typed parameter on its own: what it accepts, and the 400 naming the parameter and the rule otherwise. */
class ParamsTest {

    private static void refused(BiFunction<String, String, ? extends Param<?>> param, String input, String message) {
        assertThatThrownBy(() -> param.apply(input, "p")).as(input)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getResponse().getStatus()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("p");
                    assertThat(e.getMessage()).isEqualTo("p " + message);
                });
    }

    @Test
    void aMissingOrBlankParameterIsAbsent() {
        assertThat(new UuidParam(null, "p").isPresent()).isFalse();
        assertThat(new PageParam("  ", "p").orElse(1L)).isEqualTo(1L);
        assertThatThrownBy(() -> new UuidParam("", "id").required("a UUID"))
                .hasMessage("id is required: a UUID");
    }

    @Test
    void uuidsAreCanonicalOnly() {
        UUID id = UUID.randomUUID();
        assertThat(new UuidParam(" " + id + " ", "p").get()).isEqualTo(id);
        for (String bad : List.of("1-1-1-1-1", "843d440a", id + "0", "{" + id + "}", "zzzzzzzz-0000-4000-8000-000000000000")) {
            refused(UuidParam::new, bad, "must be a UUID such as 843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
        }
    }

    @Test
    void pagesAndLimitsAreWholeNumbersWithinTheirRange() {
        assertThat(new PageParam("3", "p").get()).isEqualTo(3L);
        assertThat(new PageParam(Long.toString(PageParam.MAX), "p").get()).isEqualTo(PageParam.MAX);
        for (String bad : List.of("0", "-1", "586643843278255509", "99999999999999999999999", "1e3", "2.0", "two",
                "0x10", "١٢")) {
            refused(PageParam::new, bad, "must be a whole number between 1 and 100000000");
        }
        assertThat(new LimitParam("100", "p").get()).isEqualTo(100);
        for (String bad : List.of("0", "101", "-5", "2147483648")) {
            refused(LimitParam::new, bad, "must be a whole number between 1 and 100");
        }
    }

    @Test
    void charactersPostgresqlCannotStoreAreRefusedInEveryParameter() {
        List<BiFunction<String, String, ? extends Param<?>>> kinds = List.of(UuidParam::new, PageParam::new,
                LimitParam::new, CursorParam::new, DateParam::new, DateOrTimestampParam::new, RangeParam::new,
                FeedbackParam::new, SourceParam::new, LanguageParam::new, SearchParam::new, NameParam::new,
                EmailParam::new, FlagParam::new);
        for (BiFunction<String, String, ? extends Param<?>> kind : kinds) {
            refused(kind, "fr\u0000", "contains U+0000, which PostgreSQL cannot store");
            refused(kind, "abc\uD800", "contains an unpaired surrogate (U+D800), which is not valid Unicode text");
            refused(kind, "\uDC00abc", "contains an unpaired surrogate (U+DC00), which is not valid Unicode text");
        }
        assertThat(new SearchParam("poulet \uD83D\uDC14", "p").get()).as("a surrogate pair is fine").endsWith("\uD83D\uDC14");
    }

    @Test
    void textsHaveTheirLengthInCharactersAsPostgresqlCountsThem() {
        assertThat(new NameParam("\uD83D\uDC14".repeat(100), "p").get()).hasSize(200);
        refused(NameParam::new, "x".repeat(101), "must be at most 100 characters");
        refused(LanguageParam::new, "french-canadian", "must be at most 10 characters");
        refused(SourceParam::new, "s".repeat(51), "must be at most 50 characters");
        refused(SearchParam::new, "ab", "must be between 3 and 200 characters");
        refused(SearchParam::new, "x".repeat(201), "must be between 3 and 200 characters");
        assertThat(new SearchParam("  feed  ", "p").get()).isEqualTo("feed");
        refused(EmailParam::new, "nobody", "must be an e-mail address such as name@example.com");
        refused(EmailParam::new, "a".repeat(251) + "@x.fr", "must be at most 255 characters");
    }

    @Test
    void choicesAreNamedInTheRefusal() {
        assertThat(new RangeParam("Week", "p").get()).isEqualTo(DashboardRange.Period.WEEK);
        refused(RangeParam::new, "decade", "must be one of day, week, month, year");
        assertThat(new FeedbackParam("none", "p").get()).isEqualTo(QuestionsQuery.Feedback.NONE);
        refused(FeedbackParam::new, "great", "must be one of positive, negative, none");
        assertThat(new FlagParam("TRUE", "p").get()).isTrue();
        refused(FlagParam::new, "yes", "must be true or false");
    }

    @Test
    void aSourceIsReadAsItsDashboardKey() {
        assertThat(new SourceParam("rag", "p").get()).isEqualTo("rag_retriever");
        assertThat(new SourceParam("rag_retriever", "p").get()).isEqualTo("rag_retriever");
        assertThat(new SourceParam("table_lookup", "p").get()).isEqualTo("perfstore");
        assertThat(new SourceParam("knowledge_graph", "p").get()).isEqualTo("knowledge_graph");
    }

    @Test
    void cursorsAreOpaqueButBounded() {
        refused(CursorParam::new, "not a cursor", "is not valid: pass the next_cursor of the previous page unchanged");
        refused(CursorParam::new, "a".repeat(513), "is not valid: pass the next_cursor of the previous page unchanged");
        assertThatThrownBy(() -> new CursorParam("bm9wZQ", "cursor").decode(text -> {
            throw new IllegalArgumentException("not ours");
        })).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("cursor is not valid");
    }

    @Test
    void datesAreStrictAndWithinTheFilterPeriod() {
        assertThat(new DateParam("2025-10-31", "p").get()).isEqualTo(LocalDate.of(2025, 10, 31));
        for (String bad : List.of("2025-02-30", "2025-13-01", "+10000-01-01", "1999-12-31", "2101-01-01", "25-10-31",
                "2025-10-31T00:00:00Z", "yesterday")) {
            refused(DateParam::new, bad, DateParam.RULE);
        }
    }

    @Test
    void periodBoundsAreDaysOrTimestampsInEveryClientForm() {
        assertThat(new DateOrTimestampParam("2025-10-31", "p").get().day()).isEqualTo(LocalDate.of(2025, 10, 31));
        assertThat(new DateOrTimestampParam("2025-10-10T22:10:34.123456", "p").get().instant())
                .isEqualTo(OffsetDateTime.parse("2025-10-10T22:10:34.123456Z"));
        assertThat(new DateOrTimestampParam("2025-10-10 22:10:34Z", "p").get().instant())
                .isEqualTo(OffsetDateTime.parse("2025-10-10T22:10:34Z"));
        for (String bad : List.of("2025-10-10T25:00:00Z", "+2025-10-10T22:10:34Z", "2201-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z", "2025-10-10T22:10:34+25:00", "2025-10-10X22:10:34Z")) {
            refused(DateOrTimestampParam::new, bad, DateOrTimestampParam.RULE);
        }
    }

    @Test
    void theDashboardPeriodComesFromRangeOrFromAndTo() {
        LocalDate today = LocalDate.of(2025, 11, 20);

        assertThat(new DashboardParams(null, null, null).toRange(today)).isEqualTo(
                DashboardRange.of(DashboardRange.Period.MONTH, today));
        assertThat(new DashboardParams("week", null, null).toRange(today).from()).isEqualTo(LocalDate.of(2025, 11, 17));
        assertThat(new DashboardParams(null, "2025-10-01", null).toRange(today).to()).isEqualTo(today);
        assertThat(new DashboardParams(null, null, "2025-10-15").toRange(today).from())
                .isEqualTo(LocalDate.of(2025, 10, 1));
        assertThatThrownBy(() -> new DashboardParams("week", "2025-10-01", null).toRange(today))
                .hasMessage("range cannot be combined with from/to: give one or the other");
        assertThatThrownBy(() -> new DashboardParams(null, "2025-10-10", "2025-10-01").toRange(today))
                .hasMessage("to must be on or after from");
        assertThatThrownBy(() -> new DashboardParams(null, "2025-12-01", null).toRange(today))
                .hasMessage("from must be on or before today when to is not given");
        assertThatThrownBy(() -> new DashboardParams(null, "2000-01-01", "2025-10-01").toRange(today))
                .hasMessage("to must be less than 3660 days after from");
        assertThatThrownBy(() -> new DashboardParams("quarter", null, null)).hasMessageStartingWith("range ");
        assertThatThrownBy(() -> new DashboardParams(null, "2025-02-30", null)).hasMessageStartingWith("from ");
    }
}
