package com.intelia.expert.resources;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Path and query parameter values as they go on the wire, percent-encoded already (sometimes wrongly, on purpose).
 * Each kind is a small enum or record so that jqwik shrinks towards the plainest value of the kind and a failing
 * sample reads as what it is ("Id[OTHER_CONVERSATION, BRACES]", "Number[HUGE]") rather than as an opaque string.
 */
final class WireValues {

    /** Text planted in every generated string: an error body must never echo it. */
    static final String PLANT = "zqplant";

    private WireValues() {
    }

    /** Who sends the request. */
    enum Caller {
        NONE, USER, ADMIN, GARBAGE_TOKEN, HUGE_TOKEN;

        UUID userId(Fixture f) {
            return this == ADMIN ? f.admin() : f.grower();
        }

        String authorization(Fixture f) {
            return switch (this) {
                case NONE -> null;
                case USER -> "Bearer " + f.userToken();
                case ADMIN -> "Bearer " + f.adminToken();
                case GARBAGE_TOKEN -> "Bearer not.a.jwt";
                case HUGE_TOKEN -> "Bearer " + "a".repeat(20_000);
            };
        }
    }

    /** The seeded rows the generated values refer to. */
    record Fixture(int port, int adminPort, UUID grower, UUID other, UUID admin, UUID growerConversation,
                   UUID otherConversation, UUID adminConversation, String userToken, String adminToken,
                   String questionsCursor, String conversationsCursor, String invitationToken) {
    }

    /** Which UUID: the caller's own, another user's, a seeded conversation, or one never seen. */
    enum Ref {
        SELF, OWN_CONVERSATION, OTHER_USER, OTHER_CONVERSATION, ADMIN_USER, FRESH;

        UUID resolve(Fixture f, Caller caller) {
            return switch (this) {
                case SELF -> caller.userId(f);
                case OWN_CONVERSATION -> caller == Caller.ADMIN ? f.adminConversation() : f.growerConversation();
                case OTHER_USER -> f.other();
                case OTHER_CONVERSATION -> f.otherConversation();
                case ADMIN_USER -> f.admin();
                case FRESH -> UUID.randomUUID();
            };
        }
    }

    enum UuidForm {
        CANONICAL, UPPER_CASE, BRACES, NO_HYPHENS, URN, PADDED, TRAILING_CHARACTER, SHORT_FORM, NON_HEX, TOO_LONG,
        TRUNCATED, NIL, ALL_F, ARABIC_DIGIT, HUGE_GROUPS;

        String text(UUID id) {
            String s = id.toString();
            return switch (this) {
                case CANONICAL -> s;
                case UPPER_CASE -> s.toUpperCase(Locale.ROOT);
                case BRACES -> "{" + s + "}";
                case NO_HYPHENS -> s.replace("-", "");
                case URN -> "urn:uuid:" + s;
                case PADDED -> " " + s + " ";
                case TRAILING_CHARACTER -> s + "0";
                case SHORT_FORM -> "1-1-1-1-1";
                case NON_HEX -> "g" + s.substring(1);
                case TOO_LONG -> s + "-0000";
                case TRUNCATED -> s.substring(0, 35);
                case NIL -> "00000000-0000-0000-0000-000000000000";
                case ALL_F -> "ffffffff-ffff-ffff-ffff-ffffffffffff";
                case ARABIC_DIGIT -> "\u0663" + s.substring(1);
                case HUGE_GROUPS -> "123456789012345678-1-1-1-1";
            };
        }
    }

    enum NumberKind {
        ONE("1"), TWENTY("20"), HUNDRED("100"), ZERO("0"), NEGATIVE("-1"), OVER_LIMIT("101"), FRONTEND_LIMIT("999"),
        HUGE("586643843278255509"), LONG_MAX("9223372036854775807"), LONG_MIN("-9223372036854775808"),
        OVERFLOW("9223372036854775808"), INT_OVERFLOW("2147483648"), ENORMOUS("1" + "0".repeat(40)),
        DECIMAL("1.5"), EXPONENT("1e3"), PLUS_SIGN("+5"), SPACED(" 5 "), HEX("0x10"), ARABIC("\u0662"),
        FULLWIDTH("\uff15"), WORD("ten"), NAN("NaN"), EMPTY("");

        final String text;

        NumberKind(String text) {
            this.text = text;
        }
    }

    /** Dates and timestamps as clients write them, right and wrong. */
    enum DateKind {
        DATE("2025-10-10"), ISO_Z("2025-10-10T22:10:34.123Z"), PYTHON_ISOFORMAT("2025-10-10T22:10:34.123456"),
        SPACE_SEPARATOR("2025-10-10 22:10:34+00:00"), OFFSET("2025-10-10T22:10:34+02:00"),
        UNENCODED_PLUS("2025-10-10T22:10:34+02:00", "2025-10-10T22:10:34+02:00"), NO_SECONDS("2025-10-10T22:10"),
        FAR_FUTURE("9999-12-31"), FAR_FUTURE_TIMESTAMP("9999-12-31T23:59:59Z"), BEYOND_YEAR_9999("+10000-01-01"),
        EXTREME_YEAR("+999999999-12-31T23:59:59Z"), FAR_PAST("0001-01-01"), NEGATIVE_YEAR("-999999999-01-01"),
        EPOCH_MILLIS("1728598234123"), BAD_MONTH("2025-13-45"), FEBRUARY_30("2025-02-30"), LEAP_DAY("2024-02-29"),
        BASIC_FORMAT("20251010"), WEEK_DATE("2025-W41"), OFFSET_18("2025-10-10T22:10:34+18:00"), WORD("yesterday"),
        EMPTY("");

        final String text;
        final String rawWire;

        DateKind(String text) {
            this(text, null);
        }

        DateKind(String text, String rawWire) {
            this.text = text;
            this.rawWire = rawWire;
        }
    }

    /**
     * Text whose wire form is written by hand: encoded NUL, lone surrogates, invalid UTF-8, bad escapes. (URIs past
     * the server's limit are the transport property's: they are refused before any parameter is read.)
     */
    enum UriText {
        PLAIN("weight%20at%20day%2035"), NUL("a%00b"), LONE_HIGH_SURROGATE("%ED%A0%80"),
        LONE_LOW_SURROGATE("%ED%B0%80"), CESU_PAIR("%ED%A0%BD%ED%B8%80"), OVERLONG_SLASH("%C0%AF"),
        OVERLONG_NUL("%C0%80"), INVALID_BYTE("%FF"), TRUNCATED_SEQUENCE("%C3"), BARE_PERCENT("%"),
        SHORT_PERCENT("%2"), BAD_PERCENT("%zz"), PERCENT_U("%u0041"), ENCODED_SLASH("%2F"), ENCODED_BACKSLASH("%5C"),
        DOT_DOT(".."), ENCODED_DOT_DOT("%2e%2e"), MATRIX(";a=b"), EMOJI("%F0%9F%90%94"), BIDI_OVERRIDE("%E2%80%AE"),
        CONTROLS("%01%1F%7F"), CRLF("%0D%0A"), QUOTES("%22%27%3C%3E"), LIKE_WILDCARDS("%25_%5C"), EMPTY(""),
        SPACE("%20"), LONG_1K(repeat(1_000));

        final String wire;

        UriText(String wire) {
            this.wire = wire;
        }

        private static String repeat(int length) {
            return "x".repeat(length);
        }
    }

    enum CursorKind {
        REAL_QUESTIONS, REAL_CONVERSATIONS, HUGE_PAGE, NEGATIVE_PAGE, PAGE_ONE, FAR_FUTURE_TIME, EXTREME_TIME,
        NUL_INSIDE, WRONG_VERSION, EMPTY_FIELDS, CONVERSATION_FAR_FUTURE, NO_SEPARATOR, NOT_BASE64, PADDED,
        LONG, SURROGATE_INSIDE;

        String text(Fixture f) {
            UUID id = f.growerConversation();
            return switch (this) {
                case REAL_QUESTIONS -> f.questionsCursor();
                case REAL_CONVERSATIONS -> f.conversationsCursor();
                case HUGE_PAGE -> b64("q1|586643843278255509|2025-10-10T22:10:34Z|" + id);
                case NEGATIVE_PAGE -> b64("q1|-5|2025-10-10T22:10:34Z|" + id);
                case PAGE_ONE -> b64("q1|1|2025-10-10T22:10:34Z|" + id);
                case FAR_FUTURE_TIME -> b64("q1|2|9999-12-31T23:59:59Z|" + id);
                case EXTREME_TIME -> b64("q1|2|+999999999-12-31T23:59:59.999999999-18:00|" + id);
                case NUL_INSIDE -> b64("q1|2|2025-10-10T22:10:34Z\u0000|" + id);
                case WRONG_VERSION -> b64("q9|2|2025-10-10T22:10:34Z|" + id);
                case EMPTY_FIELDS -> b64("q1|||");
                case CONVERSATION_FAR_FUTURE -> b64("+999999999-12-31T23:59:59Z|" + id);
                case NO_SEPARATOR -> b64("abc");
                case NOT_BASE64 -> "!!!";
                case PADDED -> "YQ==";
                case LONG -> "A".repeat(5_000);
                case SURROGATE_INSIDE -> b64("q1|2|2025-10-10T22:10:34Z|\ud800");
            };
        }

        private static String b64(String raw) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One value of a path segment or query parameter. */
    sealed interface Value {
        String wire(Fixture f, Caller caller);
    }

    record Id(Ref ref, UuidForm form) implements Value {
        public String wire(Fixture f, Caller caller) {
            return encode(form.text(ref.resolve(f, caller)));
        }
    }

    record Number(NumberKind kind) implements Value {
        public String wire(Fixture f, Caller caller) {
            return encode(kind.text);
        }
    }

    record When(DateKind kind) implements Value {
        public String wire(Fixture f, Caller caller) {
            return kind.rawWire != null ? kind.rawWire : encode(kind.text);
        }
    }

    record Cursor(CursorKind kind) implements Value {
        public String wire(Fixture f, Caller caller) {
            return encode(kind.text(f));
        }
    }

    /** Random bytes, base64url: what a client that invents a cursor sends. */
    record RandomCursor(String base64) implements Value {
        public String wire(Fixture f, Caller caller) {
            return encode(base64);
        }
    }

    /** A word from a parameter's vocabulary (valid or not), such as range=week or feedback=up. */
    record Word(String text) implements Value {
        public String wire(Fixture f, Caller caller) {
            return encode(text);
        }
    }

    /** Planted text followed by a hand-encoded payload. */
    record Text(UriText kind) implements Value {
        public String wire(Fixture f, Caller caller) {
            return kind == UriText.EMPTY || kind == UriText.SPACE ? kind.wire : PLANT + kind.wire;
        }
    }

    /** An e-mail address whose local part carries a hand-encoded payload. */
    record Email(UriText local) implements Value {
        public String wire(Fixture f, Caller caller) {
            return PLANT + local.wire + "%40example.com";
        }
    }

    /** An address never used before (a fresh one per request), so that a create is not refused as a duplicate. */
    record FreshEmail() implements Value {
        public String wire(Fixture f, Caller caller) {
            return PLANT + UUID.randomUUID().toString().substring(0, 8) + "%40example.com";
        }
    }

    /** The parameter left out. */
    record Omitted() implements Value {
        public String wire(Fixture f, Caller caller) {
            return null;
        }
    }

    /** A query parameter; the name is on the wire as given. */
    record Query(String name, Value value) {
        String wire(Fixture f, Caller caller) {
            return name + "=" + value.wire(f, caller);
        }
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, for paths and queries alike. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static final Map<String, List<String>> VOCABULARY = Map.of(
            "range", List.of("month", "day", "week", "year", "MONTH", " week ", "quarter", "all", "-1"),
            "feedback", List.of("positive", "negative", "none", "1", "-1", "up", "POSITIVE", "null"),
            "response_source", List.of("rag", "openai_fallback", "perfstore", "table_lookup", "rag_retriever",
                    "llm_streaming_agent", "x".repeat(51)),
            "language", List.of("fr", "en", "es", "pt-BR", "FR", "fran\u00e7ais", "x".repeat(11)),
            "apply", List.of("false", "true", "TRUE", "yes", "1", ""),
            "force", List.of("false", "true", "yes", "0"),
            "level", List.of("INFO", "WARN", "debug", "garbage", "", "OFF"),
            "logger", List.of("com.intelia.expert.zqplant", "zqplant.quiet", "zqplant"),
            "duration", List.of("PT1S", "10s", "-1", "586643843278255509", "garbage"),
            "email", List.of(PLANT + "@example.com", PLANT + ".friend+tag@example.com",
                    PLANT + "x".repeat(300) + "@example.com", "not-an-email", "a@b.c",
                    PLANT + "@" + "d".repeat(250) + ".com"));

    static Arbitrary<Value> ids() {
        return Combinators.combine(Arbitraries.of(Ref.class), Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.just(UuidForm.CANONICAL)),
                        Tuple.of(3, Arbitraries.of(UuidForm.class))))
                .as(Id::new);
    }

    /** Well-formed UUIDs of any reference: for properties that vary something else. */
    static Arbitrary<Value> wellFormedIds() {
        return Arbitraries.of(Ref.class).map(ref -> new Id(ref, UuidForm.CANONICAL));
    }

    /** Numbers, the ones past a column's or a type's range more often. */
    static Arbitrary<Value> numbers() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(NumberKind.class)),
                        Tuple.of(3, Arbitraries.of(NumberKind.ZERO, NumberKind.NEGATIVE, NumberKind.HUGE,
                                NumberKind.LONG_MAX, NumberKind.LONG_MIN, NumberKind.OVERFLOW, NumberKind.INT_OVERFLOW,
                                NumberKind.ENORMOUS)))
                .map(Number::new);
    }

    /** Dates and timestamps, the forms clients really send and the extreme ones more often. */
    static Arbitrary<Value> dates() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(DateKind.class)),
                        Tuple.of(3, Arbitraries.of(DateKind.PYTHON_ISOFORMAT, DateKind.SPACE_SEPARATOR,
                                DateKind.FAR_FUTURE, DateKind.FAR_FUTURE_TIMESTAMP, DateKind.BEYOND_YEAR_9999,
                                DateKind.EXTREME_YEAR, DateKind.FAR_PAST, DateKind.NEGATIVE_YEAR)))
                .map(When::new);
    }

    static Arbitrary<Value> cursors() {
        return Arbitraries.oneOf(Arbitraries.of(CursorKind.class).map(Cursor::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                        .map(bytes -> new RandomCursor(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))));
    }

    /** Text, the characters PostgreSQL cannot store and the very long ones more often. */
    static Arbitrary<Value> texts() {
        return uriTexts().map(Text::new);
    }

    static Arbitrary<UriText> uriTexts() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(UriText.class)),
                Tuple.of(4, Arbitraries.of(UriText.NUL, UriText.LONE_HIGH_SURROGATE, UriText.LONE_LOW_SURROGATE,
                        UriText.CESU_PAIR, UriText.OVERLONG_NUL)),
                Tuple.of(1, Arbitraries.just(UriText.LONG_1K)));
    }

    static Arbitrary<Value> words(String name) {
        return Arbitraries.of(VOCABULARY.get(name)).map(Word::new);
    }

    static Arbitrary<Value> anything() {
        return Arbitraries.oneOf(ids(), numbers(), dates(), cursors(), texts(),
                Arbitraries.of(List.copyOf(new java.util.TreeSet<>(VOCABULARY.keySet()))).flatMap(WireValues::words));
    }

    /** Values for a parameter by what its name says it holds, with any other kind mixed in. */
    static Arbitrary<Value> forName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Arbitrary<Value> typed;
        if (List.of("page", "limit", "offset", "size", "per_page").contains(n)) {
            typed = numbers();
        } else if (n.equals("id") || n.endsWith("_id") || n.endsWith("id") && n.length() <= 12) {
            typed = ids();
        } else if (List.of("from", "to", "timestamp", "since", "until", "date", "start", "end").contains(n)) {
            typed = dates();
        } else if (n.contains("cursor")) {
            typed = cursors();
        } else if (n.contains("email")) {
            typed = Arbitraries.oneOf(words("email"), uriTexts().map(Email::new));
        } else if (VOCABULARY.containsKey(n)) {
            typed = words(n);
        } else {
            typed = texts();
        }
        if (n.equals("logger")) {
            return typed; // never ROOT or an empty name: a generated log level must not change the run's own logging
        }
        return Arbitraries.frequencyOf(Tuple.of(5, typed), Tuple.of(1, anything()));
    }

    /** Query parameters no endpoint declares, with odd names too. */
    static Arbitrary<Query> strayQuery() {
        return Combinators.combine(Arbitraries.of("offset", "limit", "page", "%00", "%ED%A0%80", PLANT, "a%5Bb%5D", "",
                "%", "q"), anything()).as(Query::new);
    }
}
