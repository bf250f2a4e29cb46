package com.intelia.expert.resources;

import com.intelia.expert.resources.WireValues.Caller;
import com.intelia.expert.resources.WireValues.DateKind;
import com.intelia.expert.resources.WireValues.Fixture;
import com.intelia.expert.resources.WireValues.Ref;
import com.intelia.expert.resources.WireValues.UuidForm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static com.intelia.expert.resources.WireValues.PLANT;

/**
 * A small JSON tree written to bytes by hand, so that a body can carry what Jackson would never write (\u0000 and
 * lone-surrogate escapes, raw invalid UTF-8), and the edits the body property makes to it.
 */
final class JsonTree {

    private JsonTree() {
    }

    /** String contents, JSON-escaped or raw bytes; every kind but the blank ones starts with the planted text. */
    enum JsonText {
        PLAIN("Weight of Ross 308 at day 35?"), WORD("ross308"), NUL_ESCAPE("a\\u0000b"), LONE_HIGH_ESCAPE("\\ud800"),
        LONE_LOW_ESCAPE("\\udfff"), REVERSED_PAIR_ESCAPE("\\udc00\\ud800"), HIGH_THEN_TEXT("\\ud800abc"),
        PAIR_ESCAPE("\\ud83d\\udc14"), RAW_NUL(new byte[] {0}), RAW_SURROGATE(bytes(0xED, 0xA0, 0x80)),
        INVALID_UTF8(bytes(0xC3, 0x28, 0xFF)), OVERLONG_NUL(bytes(0xC0, 0x80)),
        CONTROL_ESCAPES("\\u0001\\u001f\\u007f"), RAW_CONTROL(bytes(0x01, 0x1F)), EMOJI(bytes(0xF0, 0x9F, 0x90, 0x94)),
        BIDI_OVERRIDE(bytes(0xE2, 0x80, 0xAE)), NEWLINES("line1\\nline2\\r\\n\\t"), QUOTES("\\\"'<>&\\\\"),
        BAD_ESCAPE("\\x41"), LONG_300("x".repeat(300)), LONG_5000("x".repeat(5_000)),
        LONG_120K("x".repeat(120_000)), EMPTY(""), BLANK("   ");

        final byte[] payload;

        JsonText(String escaped) {
            this(escaped.getBytes(StandardCharsets.UTF_8));
        }

        JsonText(byte[] payload) {
            this.payload = payload;
        }

        private static byte[] bytes(int... values) {
            byte[] b = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                b[i] = (byte) values[i];
            }
            return b;
        }
    }

    enum Secret { ACCESS_TOKEN, INVITATION_TOKEN }

    /** Where a body is written: the bytes so far and what references resolve to. */
    record Out(ByteArrayOutputStream bytes, Fixture fixture, Caller caller) {
        void ascii(String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    sealed interface Json {
        void write(Out out);
    }

    record Obj(List<Member> members) implements Json {
        public void write(Out out) {
            out.ascii("{");
            for (int i = 0; i < members.size(); i++) {
                out.ascii((i == 0 ? "\"" : ",\"") + members.get(i).name() + "\":");
                members.get(i).value().write(out);
            }
            out.ascii("}");
        }
    }

    /** A member; the name is written between quotes as given (already escaped). */
    record Member(String name, Json value) {
    }

    record Arr(List<Json> items) implements Json {
        public void write(Out out) {
            out.ascii("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.ascii(",");
                }
                items.get(i).write(out);
            }
            out.ascii("]");
        }
    }

    record Str(JsonText kind) implements Json {
        public void write(Out out) {
            out.ascii("\"" + (kind == JsonText.EMPTY || kind == JsonText.BLANK ? "" : PLANT));
            out.bytes().writeBytes(kind.payload);
            out.ascii("\"");
        }
    }

    /** A fixed value of a template, such as "fr" or "llm_streaming_agent". */
    record Word(String text) implements Json {
        public void write(Out out) {
            out.ascii("\"" + text + "\"");
        }
    }

    record Num(String literal) implements Json {
        public void write(Out out) {
            out.ascii(literal);
        }
    }

    record Bool(boolean value) implements Json {
        public void write(Out out) {
            out.ascii(Boolean.toString(value));
        }
    }

    record Null() implements Json {
        public void write(Out out) {
            out.ascii("null");
        }
    }

    record Id(Ref ref, UuidForm form) implements Json {
        public void write(Out out) {
            out.ascii("\"" + form.text(ref.resolve(out.fixture(), out.caller())).replace("\u0663", "\\u0663") + "\"");
        }
    }

    record Stamp(DateKind kind) implements Json {
        public void write(Out out) {
            out.ascii("\"" + kind.text + "\"");
        }
    }

    record Email(JsonText local) implements Json {
        public void write(Out out) {
            out.ascii("\"" + PLANT);
            out.bytes().writeBytes(local.payload);
            out.ascii("@example.com\"");
        }
    }

    record Token(Secret secret) implements Json {
        public void write(Out out) {
            String value = switch (secret) {
                case ACCESS_TOKEN -> out.caller() == Caller.ADMIN ? out.fixture().adminToken() : out.fixture().userToken();
                case INVITATION_TOKEN -> out.fixture().invitationToken();
            };
            out.ascii("\"" + value + "\"");
        }
    }

    /** Arrays nested this deep: Jackson's nesting limit. */
    record Deep(int depth) implements Json {
        public void write(Out out) {
            out.ascii("[".repeat(depth) + "]".repeat(depth));
        }
    }

    /** A template: a body the frontend (or the request record) really sends. Printed by name in samples. */
    record Template(String name, Json json) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Change the template at its {@code at}-th node (modulo the node count). */
    record Edit(int at, Change change) {
    }

    sealed interface Change {
    }

    record Replace(Json value) implements Change {
    }

    record Remove() implements Change {
    }

    /** A member added to the object at (or around) the node; the name is written as given. */
    record Add(String name, Json value) implements Change {
    }

    /** The {@code at}-th string of the template (a text, a UUID, a timestamp...) becomes this text. */
    record BadText(JsonText kind) implements Change {
    }

    /** The {@code at}-th number of the template becomes this literal. */
    record BadNumber(String literal) implements Change {
    }

    /** Each edit with the member it lands on: "question=BadText[kind=NUL_ESCAPE]". */
    static String describe(Json root, List<Edit> edits) {
        List<String> changes = new ArrayList<>();
        Json json = root;
        for (Edit edit : edits) {
            List<Integer> path = pathOf(json, edit);
            changes.add(name(json, path) + "=" + edit.change());
            Json changed = change(json, path, 0, edit.change());
            json = changed == null ? new Obj(List.of()) : changed;
        }
        return String.join(", ", changes);
    }

    /** A node's place, as a JSON-path-like name: metadata.tokens.prompt_tokens, metadata.sources[0].title. */
    private static String name(Json root, List<Integer> path) {
        StringBuilder name = new StringBuilder();
        Json node = root;
        for (int index : path) {
            if (node instanceof Obj o) {
                Member member = o.members().get(index);
                name.append(name.length() == 0 ? "" : ".").append(member.name());
                node = member.value();
            } else {
                name.append('[').append(index).append(']');
                node = ((Arr) node).items().get(index);
            }
        }
        return name.length() == 0 ? "(root)" : name.toString();
    }

    static byte[] write(Json json, Fixture fixture, Caller caller) {
        Out out = new Out(new ByteArrayOutputStream(), fixture, caller);
        json.write(out);
        return out.bytes().toByteArray();
    }

    // ---- applying edits ----

    static Json apply(Json root, List<Edit> edits) {
        Json result = root;
        for (Edit edit : edits) {
            List<Integer> path = pathOf(result, edit);
            Json changed = change(result, path, 0, edit.change());
            result = changed == null ? new Obj(List.of()) : changed;
        }
        return result;
    }

    private static List<Integer> pathOf(Json json, Edit edit) {
        List<List<Integer>> paths = paths(json, edit.change());
        return paths.get(Math.floorMod(edit.at(), paths.size()));
    }

    /**
     * The nodes a change may apply to, as child indexes from the root (the root itself is the empty path): strings
     * for a bad text, numbers for a bad number (every node when the template has none), every node otherwise.
     */
    private static List<List<Integer>> paths(Json json, Change change) {
        Predicate<Json> eligible = change instanceof BadText
                ? node -> node instanceof Str || node instanceof Word || node instanceof Email || node instanceof Id
                        || node instanceof Stamp || node instanceof Token
                : change instanceof BadNumber ? node -> node instanceof Num : node -> true;
        List<List<Integer>> chosen = new ArrayList<>();
        collect(json, new ArrayList<>(), eligible, chosen);
        if (chosen.isEmpty()) {
            collect(json, new ArrayList<>(), node -> true, chosen);
        }
        return chosen;
    }

    private static void collect(Json json, List<Integer> at, Predicate<Json> eligible,
                                List<List<Integer>> into) {
        if (eligible.test(json)) {
            into.add(List.copyOf(at));
        }
        List<Json> children = children(json);
        for (int i = 0; i < children.size(); i++) {
            at.add(i);
            collect(children.get(i), at, eligible, into);
            at.remove(at.size() - 1);
        }
    }

    private static List<Json> children(Json json) {
        if (json instanceof Obj o) {
            return o.members().stream().map(Member::value).toList();
        }
        if (json instanceof Arr a) {
            return a.items();
        }
        return List.of();
    }

    private static Json change(Json node, List<Integer> path, int depth, Change change) {
        if (depth == path.size()) { // the root itself
            return changed(node, change);
        }
        int index = path.get(depth);
        boolean parentOfTarget = depth == path.size() - 1;
        if (node instanceof Obj o) {
            List<Member> members = new ArrayList<>(o.members());
            Member target = members.get(index);
            Json value = parentOfTarget ? changed(target.value(), change) : change(target.value(), path, depth + 1, change);
            if (value == null) {
                members.remove(index);
            } else {
                members.set(index, new Member(target.name(), value));
            }
            return new Obj(members);
        }
        List<Json> items = new ArrayList<>(((Arr) node).items());
        Json value = parentOfTarget ? changed(items.get(index), change) : change(items.get(index), path, depth + 1, change);
        if (value == null) {
            items.remove(index);
        } else {
            items.set(index, value);
        }
        return new Arr(items);
    }

    /** The node after the change; null when removed (the root is emptied instead). */
    private static Json changed(Json node, Change change) {
        if (change instanceof Replace replace) {
            return replace.value();
        }
        if (change instanceof Add add) {
            return add(node, add);
        }
        if (change instanceof BadText text) {
            return new Str(text.kind());
        }
        if (change instanceof BadNumber number) {
            return new Num(number.literal());
        }
        return null;
    }

    private static Json add(Json node, Add add) {
        if (node instanceof Obj o) {
            List<Member> members = new ArrayList<>(o.members());
            members.add(new Member(add.name(), add.value()));
            return new Obj(members);
        }
        if (node instanceof Arr a) {
            List<Json> items = new ArrayList<>(a.items());
            items.add(add.value());
            return new Arr(items);
        }
        return add.value();
    }

}
