package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.resources.ApiCalls.Call;
import com.intelia.expert.resources.ApiCalls.Request;
import com.intelia.expert.resources.ApiSurface.Endpoint;
import com.intelia.expert.resources.WireValues.Fixture;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.WireClient;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's property: whatever a client sends to any public endpoint or admin task of the real application on a
 * real database, the answer is never a 5xx, and every error is JSON {code, message} without a stack trace, SQL or
 * the client's own text. The endpoints are read from Jersey's resource model (plus the frontend's routes of
 * shared/contract/frontend.md), the tasks from the admin port, so a new one is driven without changing this class.
 *
 * <p>A failure prints the shrunk request and the seed; to replay it, put that seed in the failing property's
 * {@code @Property(seed = "...")} (jqwik also replays the last failing sample first on the next run).
 * {@code -Dpublicapi.survey=true} records every violation instead of stopping at the first, and prints one
 * smallest example per kind of failure at the end (also written to target/public-api-survey.txt).
 */
class PublicApiPropertyTest {

    private static final boolean SURVEY = Boolean.getBoolean("publicapi.survey");
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** Stack-trace and SQL markers; "SQL" alone but not inside "PostgreSQL", which an operator message may name. */
    private static final Pattern LEAKS = Pattern.compile("Exception|\\bat com\\.|org\\.postgresql|(?<![A-Za-z])SQL");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Finding> FINDINGS = new ConcurrentHashMap<>();

    private static TestDatabase database;
    private static DropwizardTestSupport<ExpertConfiguration> app;
    private static Fixture fixture;
    private static List<Endpoint> endpoints;
    private static List<String> tasks;

    @BeforeContainer
    static void startTheApplicationWithSeededRows() throws Exception {
        database = TestDatabase.migrated();
        List<ConfigOverride> overrides = new ArrayList<>(List.of(database.configOverrides()));
        overrides.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        overrides.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        app = new DropwizardTestSupport<>(ExpertApplication.class, "config.yml", overrides.toArray(new ConfigOverride[0]));
        app.before();
        endpoints = ApiCalls.withContract(ApiSurface.endpoints(app.getEnvironment()));
        tasks = ApiSurface.tasks(app.getEnvironment());
        fixture = seed(app.getLocalPort(), app.getAdminPort());
    }

    @AfterContainer
    static void stop() throws IOException {
        if (app != null) {
            app.after();
        }
        if (SURVEY) {
            StringBuilder report = new StringBuilder("Public API survey: " + FINDINGS.size() + " kinds of failure\n");
            new TreeMap<>(FINDINGS).forEach((kind, finding) -> report.append("\n=== ").append(kind).append(" (")
                    .append(finding.count()).append("x)\n").append(finding.example()).append('\n'));
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "public-api-survey.txt"), report.toString());
        }
    }

    /**
     * Three profiles, conversations of each, a rating and an invitation, and real cursors, through the API itself.
     * Only the profiles and the conversations are required; the rest falls back to values that are merely well-formed
     * if the API answers them differently one day.
     */
    private static Fixture seed(int port, int adminPort) throws IOException {
        UUID admin = UUID.randomUUID();
        UUID grower = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        LocalUserDirectory directory = Services.localDirectory(database.dataSource());
        directory.save(new Profile(admin, "admin@intelia.com", "Ada", "Admin", "super_admin", "enterprise"));
        directory.save(new Profile(grower, "grower@example.com", "Gil", "Grower", "user", "pro"));
        directory.save(new Profile(other, "other@example.com", "Olga", "Other", "user", null));
        String adminToken = TestTokens.hs256(admin, c -> c);
        String userToken = TestTokens.hs256(grower, c -> c);
        UUID growerConversation = UUID.randomUUID();
        UUID otherConversation = UUID.randomUUID();
        UUID adminConversation = UUID.randomUUID();
        for (UUID[] turn : new UUID[][] {{growerConversation, grower}, {UUID.randomUUID(), grower},
                {UUID.randomUUID(), grower}, {otherConversation, other}, {UUID.randomUUID(), other},
                {adminConversation, admin}}) {
            WireClient.Answer saved = seed(port, "POST", "/api/v1/conversations/save", adminToken, "{\"conversation_id\":\""
                    + turn[0] + "\",\"user_id\":\"" + turn[1] + "\",\"question\":\"Weight of Ross 308 at day 35?\","
                    + "\"response\":\"About 2.2 kg.\",\"metadata\":{\"response_source\":\"rag\",\"language\":\"en\","
                    + "\"processing_time_ms\":900}}");
            assertThat(saved.status()).as("seeding a conversation: " + saved.text()).isEqualTo(200);
        }
        seed(port, "POST", "/api/v1/conversations/" + growerConversation + "/feedback", userToken,
                "{\"rating\":1,\"comment\":\"Helpful\"}");
        String invitation = json(seed(port, "POST", "/api/v1/invitations", userToken,
                "{\"invited_email\":\"friend@example.com\",\"invited_name\":\"Friend\"}")).path("token")
                .asText("no-such-invitation-token");
        seed(adminPort, "POST", "/tasks/refresh-stats", null, "");
        // the API description is read on its first request, seconds of CPU on a busy machine; later ones are from
        // memory, and those are what the properties time
        WireClient.send(port, "GET", "/api/openapi.json", List.of(), null, Duration.ofSeconds(60));
        JsonNode questions = json(seed(port, "GET", "/api/v1/stats-fast/questions?limit=1", adminToken, null));
        String questionsCursor = questions.path("pagination").path("next_cursor")
                .asText(questions.path("next_cursor").asText(""));
        String conversationsCursor = json(seed(port, "GET", "/api/v1/conversations/user/" + grower + "?limit=1",
                userToken, null)).path("next_cursor").asText("");
        return new Fixture(port, adminPort, grower, other, admin, growerConversation, otherConversation,
                adminConversation, userToken, adminToken, questionsCursor, conversationsCursor, invitation);
    }

    private static WireClient.Answer seed(int port, String method, String target, String token, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (token != null) {
            headers.add(Map.entry("Authorization", "Bearer " + token));
        }
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        return WireClient.send(port, method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                ANSWER_WITHIN);
    }

    private static JsonNode json(WireClient.Answer answer) {
        try {
            return answer.status() / 100 == 2 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    // ---- the properties: one per kind of input, so that each reports its own smallest failure ----

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED,
            edgeCases = EdgeCasesMode.NONE)
    void everyBodyIsAnsweredWithoutA5xxAndEveryErrorIsJson(@ForAll("bodyCalls") Call call) {
        drive(call);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED,
            edgeCases = EdgeCasesMode.NONE)
    void everyPathAndQueryParameterIsAnsweredWithoutA5xxAndEveryErrorIsJson(@ForAll("parameterCalls") Call call) {
        drive(call);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED,
            edgeCases = EdgeCasesMode.NONE)
    void everyTokenHeaderFramingPathAndMethodIsAnsweredWithoutA5xxAndEveryErrorIsJson(
            @ForAll("transportCalls") Call call) {
        drive(call);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED,
            edgeCases = EdgeCasesMode.NONE)
    void everyAdminTaskParameterIsAnsweredWithoutA5xxAndEveryErrorIsJson(@ForAll("taskCalls") Call call) {
        drive(call);
    }

    /**
     * What the generators read from the running application: endpoints under each part of the API the issue names,
     * and the service's tasks with Dropwizard's own. Printed, so that a run shows what it drove.
     */
    @Example
    void everyPartOfTheApiAndEveryTaskIsDriven() {
        System.out.println("Driven endpoints (* = served by a resource):");
        endpoints.forEach(e -> System.out.println("  " + (e.declared() ? "* " : "  ") + e));
        System.out.println("Driven tasks: " + tasks);
        List<String> served = endpoints.stream().filter(Endpoint::declared).map(Endpoint::template).toList();
        for (String part : List.of("/api/v1/conversations/", "/api/v1/invitations", "/api/v1/stats-fast/dashboard",
                "/api/v1/stats-fast/questions", "/api/v1/stats-fast/invitations", "/api/v1/stats-fast/health",
                "/api/health", "/api/v1/health")) {
            assertThat(served).as("endpoints served under " + part).anyMatch(template -> template.startsWith(part));
        }
        assertThat(tasks).contains("refresh-stats", "fix-user-id", "undo-user-id-fix", "user-id-audit", "clear-caches",
                "create-supabase-user", "gc", "log-level");
    }

    @Provide
    Arbitrary<Call> bodyCalls() {
        return ApiCalls.calls(endpoints.stream().filter(ApiCalls::takesBody).toList(), ApiCalls.Focus.BODY);
    }

    @Provide
    Arbitrary<Call> parameterCalls() {
        return ApiCalls.calls(endpoints, ApiCalls.Focus.PARAMETERS);
    }

    @Provide
    Arbitrary<Call> transportCalls() {
        return ApiCalls.transportCalls(endpoints);
    }

    @Provide
    Arbitrary<Call> taskCalls() {
        return TaskCalls.taskCalls(tasks);
    }

    // ---- one request, and what every answer must be ----

    private static void drive(Call call) {
        Request request = call.render(fixture);
        WireClient.Answer answer = WireClient.send(request.port(), request.method(), request.target(), request.headers(),
                request.body(), ANSWER_WITHIN);
        Statistics.label("request").collect(call.label());
        Statistics.label("status").collect(answer.status() < 0 ? "none" : answer.status() / 100 + "xx");
        List<String> violations = violations(request, answer);
        if (violations.isEmpty()) {
            return;
        }
        String report = "what: " + call.label() + "\nrequest: " + request.describe() + "\nanswer: " + describe(answer)
                + "\nviolations: " + String.join("; ", violations);
        if (!SURVEY) {
            throw new AssertionError(report);
        }
        String kind = call.label() + " -> " + (answer.status() < 0 ? "no answer" : answer.status()) + " "
                + violations.stream().map(v -> v.replaceAll(":.*", "")).toList();
        FINDINGS.merge(kind, new Finding(1, report), (a, b) -> new Finding(a.count() + 1,
                b.example().length() < a.example().length() ? b.example() : a.example()));
    }

    private record Finding(int count, String example) {
    }

    /** Everything wrong with one answer; empty when it is acceptable. */
    static List<String> violations(Request request, WireClient.Answer answer) {
        List<String> violations = new ArrayList<>();
        if (answer.status() < 0) {
            violations.add("no HTTP answer: " + answer.failure());
            return violations;
        }
        // 501 is the right answer to a method the server does not know (RFC 9110, 15.6.2), such as BREW
        boolean unknownMethod = !ApiCalls.KNOWN_METHODS.contains(request.method());
        if (answer.status() >= 500 && !(answer.status() == 501 && unknownMethod)) {
            violations.add("server error " + answer.status());
        }
        String body = answer.text();
        boolean head = request.method().equals("HEAD"); // a HEAD answer has no body to check, by definition
        if (answer.status() >= 400 && !head) {
            String type = answer.header("Content-Type");
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                violations.add("error is not JSON: Content-Type " + type);
            }
            violations.addAll(errorShape(body, answer.status()));
            if (body.contains(WireValues.PLANT)) {
                violations.add("error echoes the client's text");
            }
        }
        java.util.regex.Matcher leak = LEAKS.matcher(body);
        if (leak.find()) {
            violations.add("body leaks internals: \"" + leak.group() + "\"");
        }
        return violations;
    }

    private static List<String> errorShape(String body, int status) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("error body is not JSON");
        }
        List<String> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            return List.of("error body is not a JSON object");
        }
        if (!json.path("code").isInt() || json.get("code").asInt() != status) {
            problems.add("error code is not the status: " + json.get("code"));
        }
        if (!json.path("message").isTextual() || json.get("message").asText().isBlank()) {
            problems.add("error has no message");
        }
        return problems;
    }

    private static String describe(WireClient.Answer answer) {
        if (answer.status() < 0) {
            return answer.failure() + " after " + answer.millis() + " ms";
        }
        return answer.status() + " in " + answer.millis() + " ms, Content-Type " + answer.header("Content-Type")
                + ", body: " + ApiCalls.excerpt(answer.text().replace("\n", "\\n"), 400);
    }
}
