package com.intelia.expert.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.resources.JsonTree.Add;
import com.intelia.expert.resources.JsonTree.Arr;
import com.intelia.expert.resources.JsonTree.BadNumber;
import com.intelia.expert.resources.JsonTree.BadText;
import com.intelia.expert.resources.JsonTree.Bool;
import com.intelia.expert.resources.JsonTree.Change;
import com.intelia.expert.resources.JsonTree.Deep;
import com.intelia.expert.resources.JsonTree.Edit;
import com.intelia.expert.resources.JsonTree.Email;
import com.intelia.expert.resources.JsonTree.Id;
import com.intelia.expert.resources.JsonTree.Json;
import com.intelia.expert.resources.JsonTree.JsonText;
import com.intelia.expert.resources.JsonTree.Member;
import com.intelia.expert.resources.JsonTree.Null;
import com.intelia.expert.resources.JsonTree.Num;
import com.intelia.expert.resources.JsonTree.Obj;
import com.intelia.expert.resources.JsonTree.Remove;
import com.intelia.expert.resources.JsonTree.Replace;
import com.intelia.expert.resources.JsonTree.Secret;
import com.intelia.expert.resources.JsonTree.Stamp;
import com.intelia.expert.resources.JsonTree.Str;
import com.intelia.expert.resources.JsonTree.Template;
import com.intelia.expert.resources.JsonTree.Token;
import com.intelia.expert.resources.JsonTree.Word;
import com.intelia.expert.resources.WireValues.Caller;
import com.intelia.expert.resources.WireValues.DateKind;
import com.intelia.expert.resources.WireValues.Fixture;
import com.intelia.expert.resources.WireValues.Ref;
import com.intelia.expert.resources.WireValues.UuidForm;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static com.intelia.expert.resources.WireValues.PLANT;

/**
 * Request bodies: the bodies the frontend sends (shared/contract/frontend.md) and the api/ request records, as
 * templates; one or a few edits of a template; truncated, raw and absent bodies; and how a body is framed
 * (Content-Type, Content-Encoding). Edits address a member of the template by index, so jqwik shrinks a failing body
 * to the one member and the one value that matter.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    // ---- templates: shared/contract/frontend.md and the api/ request records ----

    private static Member m(String name, Json value) {
        return new Member(name, value);
    }

    private static Obj obj(Member... members) {
        return new Obj(List.of(members));
    }

    private static Arr arr(Json... items) {
        return new Arr(List.of(items));
    }

    private static final Str TEXT = new Str(JsonText.PLAIN);

    static final Template SAVE_FRONTEND = new Template("save(frontend)", obj(
            m("conversation_id", new Id(Ref.FRESH, UuidForm.CANONICAL)), m("question", TEXT), m("response", TEXT),
            m("user_id", new Id(Ref.SELF, UuidForm.CANONICAL)), m("timestamp", new Stamp(DateKind.ISO_Z)),
            m("source", new Word("llm_streaming_agent")),
            m("metadata", obj(m("mode", new Word("streaming")), m("backend", new Word("llm_backend")),
                    m("agent_metadata", obj(m("complexity", new Word("simple")), m("sub_queries", arr(TEXT)),
                            m("decisions", arr()))),
                    m("images_count", new Num("0")), m("images_names", arr()), m("total_size", new Num("0")),
                    m("model", new Word("gpt-4o")),
                    m("tokens", obj(m("prompt_tokens", new Num("12")), m("completion_tokens", new Num("34")))),
                    m("session_id", new Id(Ref.FRESH, UuidForm.CANONICAL)), m("response_source", new Word("rag")),
                    m("confidence", new Num("0.9")), m("processing_time_ms", new Num("850")),
                    m("language", new Word("fr")),
                    m("sources", arr(obj(m("title", TEXT), m("url", new Word("https://example.com/guide"))))),
                    m("prompt_tokens", new Num("12")), m("completion_tokens", new Num("34"))))));

    static final Template SAVE_RECORD = new Template("save(record)", obj(
            m("conversation_id", new Id(Ref.FRESH, UuidForm.CANONICAL)), m("user_id", new Id(Ref.SELF, UuidForm.CANONICAL)),
            m("question", TEXT), m("response", TEXT), m("session_id", new Id(Ref.FRESH, UuidForm.CANONICAL)),
            m("title", TEXT), m("preview", TEXT), m("last_message_preview", TEXT),
            m("timestamp", new Stamp(DateKind.OFFSET)),
            m("metadata", obj(m("response_source", new Word("openai_fallback")), m("confidence", new Num("0.5")),
                    m("processing_time_ms", new Num("1200")), m("language", new Word("en")), m("mode", new Word("rag")),
                    m("sources", arr(TEXT)), m("model", new Word("gpt-4o-mini")), m("prompt_tokens", new Num("1")),
                    m("completion_tokens", new Num("1"))))));

    static final Template SAVE_RETRY = new Template("save(follow-up turn)", obj(
            m("conversation_id", new Id(Ref.OWN_CONVERSATION, UuidForm.CANONICAL)),
            m("user_id", new Id(Ref.SELF, UuidForm.CANONICAL)), m("question", TEXT), m("response", TEXT)));

    static final Template FEEDBACK_RECORD = new Template("feedback(record)", obj(m("rating", new Num("1")),
            m("comment", TEXT), m("feedback_type", new Word("helpful"))));

    static final Template FEEDBACK_FRONTEND = new Template("feedback(frontend)", obj(m("feedback", new Num("1")),
            m("feedback_comment", TEXT)));

    static final Template COMMENT_FRONTEND = new Template("comment(frontend)", obj(m("comment", TEXT),
            m("timestamp", new Stamp(DateKind.ISO_Z))));

    static final Template FEEDBACK_WITH_COMMENT = new Template("feedback-with-comment(frontend)", obj(
            m("feedback", new Num("-1")), m("comment", TEXT), m("timestamp", new Stamp(DateKind.ISO_Z))));

    static final Template INVITE_RECORD = new Template("invite(record)", obj(
            m("invited_email", new Email(JsonText.WORD)), m("invited_name", TEXT)));

    static final Template INVITE_FRONTEND = new Template("invitations/send(frontend)", obj(
            m("emails", arr(new Email(JsonText.WORD))), m("personal_message", TEXT), m("inviter_name", TEXT),
            m("inviter_email", new Email(JsonText.WORD)), m("language", new Word("fr")), m("force_send", new Bool(false))));

    static final Template ACCEPT = new Template("accept(record)", obj(m("token", new Token(Secret.INVITATION_TOKEN))));

    static final Template VALIDATE_TOKEN = new Template("validate-token(frontend)", obj(
            m("access_token", new Token(Secret.ACCESS_TOKEN))));

    static final Template EXCHANGE_TOKEN = new Template("exchange-token(frontend)", obj(
            m("token", new Token(Secret.ACCESS_TOKEN))));

    static final Template COMPLETE_PROFILE = new Template("complete-profile(frontend)", obj(
            m("access_token", new Token(Secret.ACCESS_TOKEN)), m("password", new Str(JsonText.WORD)),
            m("firstName", TEXT), m("lastName", TEXT), m("fullName", TEXT), m("email", new Email(JsonText.WORD)),
            m("country", new Word("FR")), m("companyName", TEXT), m("companyWebsite", new Word("https://example.com"))));

    static final List<Template> ALL = List.of(SAVE_FRONTEND, SAVE_RECORD, SAVE_RETRY, FEEDBACK_RECORD,
            FEEDBACK_FRONTEND, COMMENT_FRONTEND, FEEDBACK_WITH_COMMENT, INVITE_RECORD, INVITE_FRONTEND, ACCEPT,
            VALIDATE_TOKEN, EXCHANGE_TOKEN, COMPLETE_PROFILE);

    private static final Map<String, List<Template>> BY_ENTITY = Map.of(
            "SaveConversationRequest", List.of(SAVE_FRONTEND, SAVE_RECORD, SAVE_RETRY),
            "FeedbackRequest", List.of(FEEDBACK_RECORD, FEEDBACK_FRONTEND, FEEDBACK_WITH_COMMENT),
            "InvitationRequest", List.of(INVITE_RECORD, INVITE_FRONTEND),
            "AcceptInvitationRequest", List.of(ACCEPT));

    /** The bodies for a request record: the known ones, else one built from the record's components. */
    static List<Template> forEntity(Class<?> entity) {
        if (entity == null) {
            return List.of();
        }
        List<Template> known = BY_ENTITY.get(entity.getSimpleName());
        return known != null ? known : List.of(new Template(entity.getSimpleName() + "(reflected)", reflect(entity, 0)));
    }

    private static Json reflect(Class<?> type, int depth) {
        if (type == UUID.class) {
            return new Id(Ref.SELF, UuidForm.CANONICAL);
        }
        if (type == String.class) {
            return TEXT;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return new Num("1");
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return new Num("0.5");
        }
        if (type == Boolean.class || type == boolean.class) {
            return new Bool(true);
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return new Stamp(DateKind.ISO_Z);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return arr(TEXT);
        }
        if (type.isRecord() && depth < 3) {
            List<Member> members = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
                if (property == null && component.getDeclaringRecord() != null) {
                    try {
                        property = type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
                    } catch (NoSuchFieldException ignored) {
                        // the component's own name then
                    }
                }
                String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
                members.add(m(name, reflect(component.getType(), depth + 1)));
            }
            return new Obj(members);
        }
        return obj(m("k", TEXT));
    }

    // ---- bodies and how they are framed ----

    /** What goes in the request body. */
    sealed interface Body {
    }

    record Valid(Template template) implements Body {
    }

    record Edited(Template template, List<Edit> edits) implements Body {
        /** The template and each change with the member it lands on, e.g. "save(frontend) with question=BadText[NUL_ESCAPE]". */
        @Override
        public String toString() {
            return "Edited[" + template + " with " + JsonTree.describe(template.json(), edits) + "]";
        }
    }

    record Truncated(Template template, int percent) implements Body {
    }

    record Raw(RawBody kind) implements Body {
    }

    record NoBody() implements Body {
    }

    enum RawBody {
        EMPTY(""), NOT_JSON("hello " + PLANT), XML("<a>" + PLANT + "</a>"), FORM("a=" + PLANT), ARRAY("[]"),
        NULL("null"), STRING("\"" + PLANT + "\""), NUMBER("586643843278255509"), TRAILING_GARBAGE("{} " + PLANT),
        TWO_OBJECTS("{}{}"), SINGLE_QUOTES("{'question':'" + PLANT + "'}"), COMMENT("/* " + PLANT + " */ {}"),
        INVALID_UTF8(null), UTF8_BOM(null), UTF16(null), NUL_BYTES(null), DEEP_ARRAYS("[".repeat(5_000));

        private final String text;

        RawBody(String text) {
            this.text = text;
        }

        byte[] bytes() {
            return switch (this) {
                case INVALID_UTF8 -> new byte[] {'{', '"', 'q', '"', ':', '"', (byte) 0xC3, 0x28, (byte) 0xFF, '"', '}'};
                case UTF8_BOM -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
                case UTF16 -> "{\"question\":\"zqplant\"}".getBytes(StandardCharsets.UTF_16);
                case NUL_BYTES -> new byte[] {0, 0, 0, 0};
                default -> text.getBytes(StandardCharsets.UTF_8);
            };
        }
    }

    enum ContentType {
        JSON("application/json"), JSON_UTF8("application/json; charset=utf-8"),
        JSON_LATIN1("application/json; charset=ISO-8859-1"), JSON_UNKNOWN_CHARSET("application/json; charset=" + PLANT),
        TEXT("text/plain"), FORM("application/x-www-form-urlencoded"), MULTIPART("multipart/form-data; boundary=x"),
        GARBAGE(PLANT), NONE(null);

        final String header;

        ContentType(String header) {
            this.header = header;
        }
    }

    enum ContentEncoding { NONE, GZIP, GZIP_NOT_GZIP, DEFLATE_NOT_DEFLATE, BROTLI, UNKNOWN }

    record Framing(ContentType type, ContentEncoding encoding) {
        static final Framing JSON = new Framing(ContentType.JSON, ContentEncoding.NONE);
    }

    /** The body's bytes, or null for no body at all. */
    static byte[] render(Body body, Fixture fixture, Caller caller) {
        if (body instanceof NoBody) {
            return null;
        }
        if (body instanceof Raw raw) {
            return raw.kind().bytes();
        }
        if (body instanceof Valid valid) {
            return JsonTree.write(valid.template().json(), fixture, caller);
        }
        if (body instanceof Edited edited) {
            return JsonTree.write(JsonTree.apply(edited.template().json(), edited.edits()), fixture, caller);
        }
        Truncated cut = (Truncated) body;
        byte[] whole = JsonTree.write(cut.template().json(), fixture, caller);
        return java.util.Arrays.copyOf(whole, Math.max(1, whole.length * cut.percent() / 100));
    }

    static byte[] encode(byte[] body, ContentEncoding encoding) {
        if (body == null || encoding != ContentEncoding.GZIP) {
            return body;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(body);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentEncodingHeader(ContentEncoding encoding) {
        return switch (encoding) {
            case NONE -> null;
            case GZIP, GZIP_NOT_GZIP -> "gzip";
            case DEFLATE_NOT_DEFLATE -> "deflate";
            case BROTLI -> "br";
            case UNKNOWN -> PLANT;
        };
    }

    // ---- arbitraries ----

    private static final List<String> NUMBERS = List.of("0", "1", "-1", "2", "0.5", "1.5", "586643843278255509",
            "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649", "1e400", "-1e400", "1e-400",
            "123456789012345678901234567890", "1E3", "-0", "NaN", "Infinity", "01", ".5");

    /** Any JSON value, the kinds PostgreSQL or Jackson refuse included. */
    /** Texts, the ones PostgreSQL cannot store (issue 11: U+0000, lone surrogates) and the long ones more often. */
    static Arbitrary<JsonText> texts() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(JsonText.class)),
                Tuple.of(3, Arbitraries.just(JsonText.NUL_ESCAPE)),
                Tuple.of(2, Arbitraries.of(JsonText.LONE_HIGH_ESCAPE, JsonText.LONE_LOW_ESCAPE,
                        JsonText.REVERSED_PAIR_ESCAPE, JsonText.HIGH_THEN_TEXT)),
                Tuple.of(2, Arbitraries.of(JsonText.LONG_300, JsonText.LONG_5000, JsonText.LONG_120K)));
    }

    static Arbitrary<Json> values() {
        Arbitrary<Json> text = texts().map(Str::new);
        return Arbitraries.frequencyOf(
                Tuple.of(8, text),
                Tuple.of(3, Arbitraries.of(NUMBERS).map(Num::new)),
                Tuple.of(1, Arbitraries.of(true, false).map(Bool::new)),
                Tuple.of(2, Arbitraries.just(new Null())),
                Tuple.of(2, text.map(t -> obj(m("k", t), m("nested", obj(m("k", t)))))),
                Tuple.of(1, text.list().ofMaxSize(3).map(Arr::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Ref.class), Arbitraries.of(UuidForm.class)).as(Id::new)),
                Tuple.of(2, Arbitraries.of(DateKind.class).map(Stamp::new)),
                Tuple.of(1, texts().map(Email::new)),
                Tuple.of(1, Arbitraries.of(2_000).map(Deep::new)));
    }

    private static Arbitrary<Change> changes() {
        Arbitrary<String> names = Arbitraries.of(PLANT, PLANT + "\\u0000", "\\ud800", "", "metadata", "question",
                "__proto__");
        return Arbitraries.frequencyOf(
                Tuple.of(5, texts().map(BadText::new)),
                Tuple.of(2, Arbitraries.of(NUMBERS).map(BadNumber::new)),
                Tuple.of(3, values().map(Replace::new)),
                Tuple.of(1, Arbitraries.just(new Remove())),
                Tuple.of(1, Combinators.combine(names, values()).as(Add::new)));
    }

    private static Arbitrary<Template> templates(List<Template> templates) {
        return templates.isEmpty() ? Arbitraries.of(ALL)
                : Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(templates)), Tuple.of(1, Arbitraries.of(ALL)));
    }

    /** A template with one change most of the time (so a failure points at one member), sometimes two or three. */
    static Arbitrary<Body> bodies(List<Template> templates) {
        Arbitrary<Template> own = templates(templates);
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 60), changes()).as(Edit::new);
        Arbitrary<List<Edit>> edits = Arbitraries.frequencyOf(Tuple.of(5, edit.list().ofSize(1)),
                Tuple.of(1, edit.list().ofMinSize(2).ofMaxSize(3)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, own.map(Valid::new)),
                Tuple.of(12, Combinators.combine(own, edits).as(Edited::new)));
    }

    /** Bodies whose framing is the point: truncated, not JSON, absent, or a valid one (for odd headers). */
    static Arbitrary<Body> framedBodies(List<Template> templates) {
        Arbitrary<Template> own = templates(templates);
        return Arbitraries.frequencyOf(
                Tuple.of(3, own.map(Valid::new)),
                Tuple.of(2, Combinators.combine(own, Arbitraries.integers().between(1, 99)).as(Truncated::new)),
                Tuple.of(3, Arbitraries.of(RawBody.class).map(Raw::new)),
                Tuple.of(1, Arbitraries.just(new NoBody())));
    }

    static Arbitrary<Framing> framings() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Framing.JSON)),
                Tuple.of(2, Arbitraries.of(ContentType.class).map(t -> new Framing(t, ContentEncoding.NONE))),
                Tuple.of(2, Arbitraries.of(ContentEncoding.class).map(e -> new Framing(ContentType.JSON, e))));
    }
}
