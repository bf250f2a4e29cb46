package com.intelia.expert.resources;

import com.intelia.expert.resources.ApiSurface.Endpoint;
import com.intelia.expert.resources.JsonBodies.Body;
import com.intelia.expert.resources.JsonBodies.Framing;
import com.intelia.expert.resources.JsonBodies.NoBody;
import com.intelia.expert.resources.JsonTree.Template;
import com.intelia.expert.resources.WireValues.Caller;
import com.intelia.expert.resources.WireValues.Fixture;
import com.intelia.expert.resources.WireValues.Query;
import com.intelia.expert.resources.WireValues.Value;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static com.intelia.expert.resources.WireValues.PLANT;

/**
 * The requests the property test sends to the application port: a call of an endpoint, a request to a path no
 * endpoint serves, or one with a method the endpoint does not take (tasks: {@link TaskCalls}). Each renders to raw
 * bytes.
 */
final class ApiCalls {

    private ApiCalls() {
    }

    /** One request as it goes on the wire. */
    record Request(int port, String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        String describe() {
            StringBuilder text = new StringBuilder(method).append(' ').append(excerpt(target, 240));
            headers.forEach(h -> text.append("\n  ").append(h.getKey()).append(": ")
                    .append(h.getKey().equals("Authorization") ? excerpt(h.getValue(), 24) : h.getValue()));
            if (body != null) {
                text.append("\n  body (").append(body.length).append(" bytes): ").append(excerpt(escape(body), 300));
            }
            return text.toString();
        }
    }

    interface Call {
        Request render(Fixture f);

        /** What the call exercises, for statistics and for grouping findings. */
        String label();
    }

    /** A call of an endpoint: its path parameters, query, body and framing generated, by one caller. */
    record ApiCall(Endpoint endpoint, Caller caller, List<Value> path, List<Query> query, Body body, Framing framing)
            implements Call {

        public Request render(Fixture f) {
            String target = endpoint.template();
            for (int i = 0; i < path.size(); i++) {
                target = target.replace("{" + endpoint.pathParams().get(i) + "}", path.get(i).wire(f, caller));
            }
            if (!query.isEmpty()) {
                target += "?" + String.join("&", query.stream().map(q -> q.wire(f, caller)).toList());
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            auth(headers, caller, f);
            byte[] bytes = JsonBodies.encode(JsonBodies.render(body, f, caller), framing.encoding());
            if (bytes != null) {
                if (framing.type().header != null) {
                    headers.add(Map.entry("Content-Type", framing.type().header));
                }
                String encoding = JsonBodies.contentEncodingHeader(framing.encoding());
                if (encoding != null) {
                    headers.add(Map.entry("Content-Encoding", encoding));
                }
            }
            return new Request(f.port(), endpoint.method(), target, headers, bytes);
        }

        public String label() {
            return endpoint.route();
        }
    }

    /** Paths that no endpoint serves, written as a client (or a scanner) would send them. */
    enum StrayPath {
        ROOT("/"), API("/api"), API_SLASH("/api/"), V1("/api/v1"), UNKNOWN("/api/v1/" + PLANT), OUTSIDE("/" + PLANT),
        OTHER_VERSION("/api/v2/health"), DOUBLE_SLASH("/api/v1//conversations/save"), TRAILING_SLASH("/api/v1/health/"),
        ENCODED_DOT_DOT("/api/v1/conversations/%2e%2e/%2e%2e/admin"), DOT_DOT("/api/v1/../../etc/passwd"),
        ENCODED_SLASHES("/api/v1/..%2F..%2Fetc%2Fpasswd"), NUL("/api/v1/conversations/save%00"),
        LONE_SURROGATE("/api/%ED%A0%80"), OVERLONG("/api/%C0%AF"), INVALID_BYTE("/api/v1/%FF"), BARE_PERCENT("/api/%"),
        BAD_PERCENT("/api/%zz"), MATRIX("/api/v1/conversations;x=y/save"), DOT_SEMICOLON("/api/v1/stats-fast/questions/..;/dashboard"),
        ENCODED_QUESTION_MARK("/api/v1/health%3F" + PLANT), BAD_QUERY("/api/v1/health?%"), FRAGMENT("/api/v1/health#" + PLANT),
        BACKSLASH("/api/v1\\health"), ASTERISK("*"), ABSOLUTE("http://evil.example/api/v1/health"), NO_SLASH("api/v1/health"),
        LONG_10K("/api/v1/" + "x".repeat(10_000)), LONG_100K("/api/v1/" + "x".repeat(100_000)),
        LONG_QUERY("/api/v1/stats-fast/questions?q=" + PLANT + "x".repeat(10_000)),
        EMPTY_ID("/api/v1/conversations/user/"), WHITESPACE("/api/v1/health%20"), UNICODE("/api/v1/\u00e9t\u00e9");

        final String target;

        StrayPath(String target) {
            this.target = target;
        }
    }

    /** A request to a path no endpoint serves. */
    record StrayCall(StrayPath path, String method, Caller caller) implements Call {
        public Request render(Fixture f) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            auth(headers, caller, f);
            byte[] body = null;
            if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
                headers.add(Map.entry("Content-Type", "application/json"));
                body = "{}".getBytes();
            }
            return new Request(f.port(), method, path.target, headers, body);
        }

        public String label() {
            return "stray " + path;
        }
    }

    /** A known path with a method it does not take. */
    record WrongMethodCall(Endpoint endpoint, String method, Caller caller) implements Call {
        public Request render(Fixture f) {
            String target = endpoint.template().replaceAll("\\{[^}]*}", f.growerConversation().toString());
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            auth(headers, caller, f);
            return new Request(f.port(), method, target, headers, method.equals("GET") || method.equals("HEAD")
                    || method.equals("OPTIONS") ? null : "{}".getBytes());
        }

        public String label() {
            return method + " on " + endpoint.route();
        }
    }

    static void auth(List<Map.Entry<String, String>> headers, Caller caller, Fixture f) {
        String authorization = caller.authorization(f);
        if (authorization != null) {
            headers.add(Map.entry("Authorization", authorization));
        }
    }

    // ---- the frontend's routes (shared/contract/frontend.md), driven whether or not a resource serves them yet ----

    private static final Map<String, List<Template>> CONTRACT_BODIES = Map.of(
            "PATCH /api/v1/conversations/{}/feedback", List.of(JsonBodies.FEEDBACK_FRONTEND),
            "PATCH /api/v1/conversations/{}/comment", List.of(JsonBodies.COMMENT_FRONTEND),
            "PATCH /api/v1/conversations/{}/feedback-with-comment", List.of(JsonBodies.FEEDBACK_WITH_COMMENT),
            "POST /api/v1/invitations/send", List.of(JsonBodies.INVITE_FRONTEND),
            "POST /api/v1/auth/invitations/validate-token", List.of(JsonBodies.VALIDATE_TOKEN),
            "POST /api/v1/auth/invitations/exchange-token", List.of(JsonBodies.EXCHANGE_TOKEN),
            "POST /api/v1/auth/invitations/complete-profile", List.of(JsonBodies.COMPLETE_PROFILE));

    private static final List<Endpoint> CONTRACT = List.of(
            contract("GET", "/api/health"), contract("GET", "/api/v1/health"),
            contract("GET", "/api/v1/stats-fast/health"),
            contract("GET", "/api/v1/stats-fast/dashboard"), contract("GET", "/api/v1/stats-fast/questions", "page", "limit"),
            contract("GET", "/api/v1/stats-fast/invitations"), contract("GET", "/api/v1/invitations/stats/global-enhanced"),
            contract("POST", "/api/v1/conversations/save"),
            contract("GET", "/api/v1/conversations/user/{user_id}", "limit", "offset"),
            contract("GET", "/api/v1/conversations/{conversation_id}/messages"),
            contract("GET", "/api/v1/conversations/search", "q"),
            contract("DELETE", "/api/v1/conversations/{conversation_id}"),
            contract("DELETE", "/api/v1/conversations/user/{user_id}"),
            contract("PATCH", "/api/v1/conversations/{conversation_id}/feedback"),
            contract("PATCH", "/api/v1/conversations/{conversation_id}/comment"),
            contract("PATCH", "/api/v1/conversations/{conversation_id}/feedback-with-comment"),
            contract("POST", "/api/v1/invitations/send"),
            contract("POST", "/api/v1/auth/invitations/validate-token"),
            contract("POST", "/api/v1/auth/invitations/exchange-token"),
            contract("POST", "/api/v1/auth/invitations/complete-profile"));

    private static Endpoint contract(String method, String template, String... query) {
        List<String> pathParams = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            pathParams.add(matcher.group(1));
        }
        return new Endpoint(method, template, pathParams, List.of(query), null, false);
    }

    /** The resource methods and the frontend's routes, one endpoint per route, query parameters merged. */
    static List<Endpoint> withContract(List<Endpoint> discovered) {
        Map<String, Endpoint> byRoute = new LinkedHashMap<>();
        for (Endpoint endpoint : discovered) {
            byRoute.merge(endpoint.route(), endpoint, ApiCalls::merge);
        }
        for (Endpoint endpoint : CONTRACT) {
            byRoute.merge(endpoint.route(), endpoint, ApiCalls::merge);
        }
        return byRoute.values().stream()
                .sorted(java.util.Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method)).toList();
    }

    private static Endpoint merge(Endpoint served, Endpoint other) {
        TreeSet<String> query = new TreeSet<>(served.queryParams());
        query.addAll(other.queryParams());
        return new Endpoint(served.method(), served.template(), served.pathParams(), List.copyOf(query),
                served.entity() != null ? served.entity() : other.entity(), served.declared() || other.declared());
    }

    static List<Template> bodiesOf(Endpoint endpoint) {
        List<Template> templates = new ArrayList<>(JsonBodies.forEntity(endpoint.entity()));
        templates.addAll(CONTRACT_BODIES.getOrDefault(endpoint.route(), List.of()));
        return templates;
    }

    // ---- arbitraries ----

    /** What a property varies; everything else in the request stays as the frontend sends it. */
    enum Focus {
        /** Generated bodies; well-formed path, no query, JSON framing, a signed-in caller or none. */
        BODY,
        /** Generated path and query parameters; a valid body where one is taken. */
        PARAMETERS,
        /** Refused tokens, oversized headers, content types and encodings, raw and truncated bodies. */
        TRANSPORT
    }

    static Arbitrary<Caller> callers(Focus focus) {
        Arbitrary<Caller> usual = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Caller.USER)),
                Tuple.of(4, Arbitraries.just(Caller.ADMIN)), Tuple.of(1, Arbitraries.just(Caller.NONE)));
        return focus != Focus.TRANSPORT ? usual : Arbitraries.frequencyOf(Tuple.of(2, usual),
                Tuple.of(1, Arbitraries.of(Caller.GARBAGE_TOKEN, Caller.HUGE_TOKEN)));
    }

    /** Endpoints a resource serves four times as often as the frontend's routes that nothing serves yet. */
    static Arbitrary<Call> calls(List<Endpoint> endpoints, Focus focus) {
        return Arbitraries.frequency(endpoints.stream().map(e -> Tuple.of(e.declared() ? 4 : 1, e)).toList())
                .flatMap(endpoint -> callsOf(endpoint, focus));
    }

    static boolean takesBody(Endpoint endpoint) {
        return endpoint.entity() != null || List.of("POST", "PUT", "PATCH").contains(endpoint.method());
    }

    static Arbitrary<Call> callsOf(Endpoint endpoint, Focus focus) {
        Arbitrary<List<Value>> path = endpoint.pathParams().isEmpty() ? Arbitraries.just(List.of())
                : Combinators.combine(endpoint.pathParams().stream()
                        .map(name -> focus == Focus.PARAMETERS ? WireValues.forName(name) : WireValues.wellFormedIds())
                        .toList()).as(List::copyOf);
        Arbitrary<List<Query>> query = focus == Focus.PARAMETERS ? queries(endpoint) : Arbitraries.just(List.of());
        List<Template> templates = bodiesOf(endpoint);
        Arbitrary<Body> body;
        if (!takesBody(endpoint)) {
            body = Arbitraries.just(new NoBody());
        } else if (focus == Focus.BODY) {
            body = JsonBodies.bodies(templates);
        } else if (focus == Focus.PARAMETERS) {
            body = Arbitraries.of(templates.isEmpty() ? JsonBodies.ALL : templates).map(JsonBodies.Valid::new);
        } else {
            body = JsonBodies.framedBodies(templates);
        }
        Arbitrary<Framing> framing = focus == Focus.TRANSPORT && takesBody(endpoint) ? JsonBodies.framings()
                : Arbitraries.just(Framing.JSON);
        return Combinators.combine(callers(focus), path, query, body, framing)
                .as((caller, p, q, b, f) -> new ApiCall(endpoint, caller, p, q, b, f));
    }

    /** The declared query parameters, about two of them at a time, sometimes with stray ones. */
    private static Arbitrary<List<Query>> queries(Endpoint endpoint) {
        double presence = Math.min(0.6, 2.0 / Math.max(1, endpoint.queryParams().size()));
        Arbitrary<List<Query>> declared = endpoint.queryParams().isEmpty() ? Arbitraries.just(List.of())
                : Combinators.combine(endpoint.queryParams().stream()
                        .map(name -> WireValues.forName(name).map(v -> new Query(name, v)).optional(presence)).toList())
                .as(all -> all.stream().flatMap(Optional::stream).toList());
        Arbitrary<List<Query>> stray = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(List.of())),
                Tuple.of(1, WireValues.strayQuery().list().ofMinSize(1).ofMaxSize(2)));
        return Combinators.combine(declared, stray).as((d, s) -> {
            List<Query> all = new ArrayList<>(d);
            all.addAll(s);
            return List.copyOf(all);
        });
    }

    /** The methods of RFC 9110 and PATCH (RFC 5789), which the server knows; BREW is one it does not. */
    static final List<String> KNOWN_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD",
            "TRACE", "CONNECT");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD",
            "TRACE", "BREW");

    /** Transport-level oddities on every endpoint, paths nothing serves, and methods an endpoint does not take. */
    static Arbitrary<Call> transportCalls(List<Endpoint> endpoints) {
        Arbitrary<Call> stray = Combinators.combine(Arbitraries.of(StrayPath.class),
                Arbitraries.of("GET", "POST", "DELETE", "PATCH"), callers(Focus.TRANSPORT)).as(StrayCall::new);
        List<Tuple.Tuple2<Endpoint, String>> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String method : METHODS) {
                boolean served = endpoints.stream().anyMatch(e -> e.template().equals(endpoint.template())
                        && e.method().equals(method));
                if (!served && endpoint.declared()) {
                    wrong.add(Tuple.of(endpoint, method));
                }
            }
        }
        Arbitrary<Call> wrongMethod = Combinators.combine(Arbitraries.of(wrong), callers(Focus.TRANSPORT))
                .as((pair, caller) -> new WrongMethodCall(pair.get1(), pair.get2(), caller));
        return Arbitraries.frequencyOf(Tuple.of(4, calls(endpoints, Focus.TRANSPORT)), Tuple.of(2, stray),
                Tuple.of(1, wrongMethod));
    }

    static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...(" + text.length() + " chars)";
    }

    /** Bytes as text, non-printable and non-ASCII ones as \xNN, so an excerpt shows exactly what was sent. */
    static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length && out.length() < 2_000; i++) {
            int c = bytes[i] & 0xff;
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return out.toString();
    }
}
