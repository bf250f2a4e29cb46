package com.intelia.expert.resources.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.resources.params.ChoiceParam;
import com.intelia.expert.stats.DashboardRange;
import com.intelia.expert.stats.QuestionsQuery;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.auth.Auth;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.annotation.security.RolesAllowed;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/openapi.json of the running application against what Jersey serves: every resource method of its resource
 * model is described with its method and path (and nothing else is), each operation with the errors it can answer
 * (those every endpoint of its kind shares, and those its resource documents), typed parameters, and every described
 * operation answers at its path, without a token where the document says none is needed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiDescriptionTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The errors each resource documents (class and method comments, the services' throws), beyond the shared ones. */
    private static final Map<String, Set<String>> DOCUMENTED = Map.ofEntries(
            entry("POST /v1/conversations/save", Set.of("403", "409")),
            entry("GET /v1/conversations/user/{user_id}", Set.of("403")),
            entry("DELETE /v1/conversations/user/{user_id}", Set.of("403")),
            entry("GET /v1/conversations/{conversation_id}/messages", Set.of("403", "404")),
            entry("DELETE /v1/conversations/{conversation_id}", Set.of("403", "404")),
            entry("PATCH /v1/conversations/{conversation_id}/feedback", Set.of("403", "404")),
            entry("POST /v1/conversations/{conversation_id}/feedback", Set.of("403", "404")),
            entry("PATCH /v1/conversations/{conversation_id}/comment", Set.of("403", "404")),
            entry("PATCH /v1/conversations/{conversation_id}/feedback-with-comment", Set.of("403", "404")),
            entry("POST /v1/invitations", Set.of("201", "403", "409")),
            entry("POST /v1/invitations/send", Set.of("403", "429")),
            entry("POST /v1/invitations/accept", Set.of("403", "404", "409", "410")),
            entry("POST /v1/auth/invitations/validate-token", Set.of("401")),
            entry("POST /v1/auth/invitations/exchange-token", Set.of("401")),
            entry("POST /v1/auth/invitations/complete-profile", Set.of("401")));
    /** Health answers its report, with 200 and 503 alike, not an error body. */
    private static final Set<String> HEALTH = Set.of("GET /health", "GET /v1/health", "GET /v1/conversations/health",
            "GET /v1/stats-fast/health");
    private static final String DESCRIPTION = "GET /openapi.json";

    private static JsonNode document;

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        return all.toArray(new ConfigOverride[0]);
    }

    /** One method Jersey serves: HTTP method, path template under the root path, the Java method and parameters. */
    private record Served(String method, String path, Method java, List<Parameter> parameters) {
        String route() {
            return method + " " + path;
        }

        boolean takes(Parameter.Source source) {
            return parameters.stream().anyMatch(p -> p.getSource() == source);
        }

        boolean needsToken() {
            return parameters.stream().anyMatch(p -> p.isAnnotationPresent(Auth.class));
        }

        boolean forAdmins() {
            return java.isAnnotationPresent(RolesAllowed.class)
                    || java.getDeclaringClass().isAnnotationPresent(RolesAllowed.class);
        }
    }

    private static synchronized JsonNode document() throws Exception {
        if (document == null) {
            HttpResponse<String> answer = send("GET", "/api/openapi.json", null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Files.writeString(java.nio.file.Path.of("target", "openapi.json"), answer.body());
            document = JSON.readTree(answer.body());
        }
        return document;
    }

    private static HttpResponse<String> send(String method, String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                + target)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every resource method of the application's Jersey resource model, by route. */
    private static Map<String, Served> served() {
        ResourceConfig config = APP.getEnvironment().jersey().getResourceConfig();
        Set<Class<?>> classes = new LinkedHashSet<>(config.getClasses());
        config.getInstances().forEach(instance -> classes.add(instance.getClass()));
        Map<String, Served> served = new TreeMap<>();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                collect(Resource.from(type), "", served);
            }
        }
        return served;
    }

    private static void collect(Resource resource, String prefix, Map<String, Served> into) {
        String path = (prefix + "/" + resource.getPath()).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        for (ResourceMethod method : resource.getResourceMethods()) {
            Served one = new Served(method.getHttpMethod(), path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}"),
                    method.getInvocable().getHandlingMethod(), method.getInvocable().getParameters());
            into.put(one.route(), one);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, into);
        }
    }

    /** Every operation of the document, by route ("GET /v1/health"). */
    private static Map<String, JsonNode> described() throws Exception {
        Map<String, JsonNode> operations = new TreeMap<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> operations.put(operation.getKey().toUpperCase() + " " + path.getKey(),
                        operation.getValue())));
        return operations;
    }

    /** A response, a parameter or a schema, its $ref followed. */
    private static JsonNode resolve(JsonNode node) throws Exception {
        String ref = node.path("$ref").asText("");
        return ref.isEmpty() ? node : resolve(document().at(ref.substring(1)));
    }

    @Test
    void theDocumentIsOpenApi3JsonServedWithoutATokenUnderTheRootPath() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/openapi.json", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode description = document();
        assertThat(description.path("openapi").asText()).startsWith("3.0.");
        assertThat(description.at("/info/title").asText()).isNotBlank();
        assertThat(description.at("/info/version").asText()).isNotBlank();
        assertThat(description.at("/servers/0/url").asText()).isEqualTo("/api");
        JsonNode bearer = description.at("/components/securitySchemes/bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void everyResourceMethodJerseyServesIsDescribedWithItsMethodAndPathAndNothingElse() throws Exception {
        Set<String> served = served().keySet();

        assertThat(served).as("the resource model").contains("POST /v1/conversations/save", DESCRIPTION);
        assertThat(described().keySet()).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyOperationDescribesTheErrorsItCanAnswer() throws Exception {
        Map<String, JsonNode> described = described();
        List<String> problems = new ArrayList<>();
        for (Served method : served().values()) {
            String route = method.route();
            JsonNode operation = described.get(route);
            if (operation == null) {
                problems.add(route + ": not described");
                continue;
            }
            Set<String> expected = new TreeSet<>(DOCUMENTED.getOrDefault(route, Set.of()));
            if (method.needsToken()) {
                expected.add("401");
            }
            if (method.forAdmins()) {
                expected.add("403");
            }
            if (method.takes(Parameter.Source.QUERY) || method.takes(Parameter.Source.PATH)
                    || method.takes(Parameter.Source.BEAN_PARAM) || method.takes(Parameter.Source.ENTITY)) {
                expected.add("400");
            }
            if (method.takes(Parameter.Source.ENTITY)) {
                expected.addAll(Set.of("413", "415", "422"));
                if (!operation.at("/requestBody/required").asBoolean()
                        || operation.at("/requestBody/content/application~1json/schema").isMissingNode()) {
                    problems.add(route + ": no required JSON body");
                }
            }
            if (!route.equals(DESCRIPTION)) {
                expected.addAll(Set.of("503", "default"));
            }
            Set<String> codes = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(codes::add);
            if (!codes.containsAll(expected)) {
                problems.add(route + ": responses " + codes + " lack " + without(expected, codes));
            }
            if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(route + ": no success response");
            }
            boolean bearer = operation.path("security").toString().contains("\"bearer\"");
            if (bearer != method.needsToken()) {
                problems.add(route + ": bearer security " + bearer + ", but the method takes a token: "
                        + method.needsToken());
            }
            if (operation.path("summary").asText().isBlank() || operation.path("tags").isEmpty()) {
                problems.add(route + ": no summary or no tag");
            }
            for (String code : codes) {
                JsonNode response = resolve(operation.path("responses").path(code));
                String schema = response.at("/content/application~1json/schema/$ref").asText("");
                boolean error = code.startsWith("4") || code.startsWith("5") || code.equals("default");
                String body = HEALTH.contains(route) && Set.of("200", "503").contains(code) ? "HealthReport"
                        : error ? "ErrorMessage" : null;
                if (body != null && !schema.equals("#/components/schemas/" + body)) {
                    problems.add(route + " " + code + ": body " + schema + " instead of " + body);
                }
                if (response.path("description").asText().isBlank()) {
                    problems.add(route + " " + code + ": no description");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyParameterIsTypedAsTheClientWritesItAndEveryReferenceResolves() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : described().entrySet()) {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                JsonNode schema = parameter.path("schema");
                String where = operation.getKey() + " " + parameter.path("name").asText();
                if (!Set.of("string", "integer", "boolean").contains(schema.path("type").asText())) {
                    problems.add(where + ": schema " + schema);
                }
                if (parameter.path("in").asText().equals("path") && !parameter.path("required").asBoolean()) {
                    problems.add(where + ": a path parameter not required");
                }
            }
        }
        Iterator<JsonNode> refs = document().findValues("$ref").iterator();
        while (refs.hasNext()) {
            String ref = refs.next().asText();
            if (document().at(ref.substring(1)).isMissingNode()) {
                problems.add("dangling " + ref);
            }
        }

        assertThat(problems).isEmpty();
        assertThat(enumOf("GET /v1/stats-fast/dashboard", "range"))
                .isEqualTo(ChoiceParam.names(DashboardRange.Period.class));
        assertThat(enumOf("GET /v1/stats-fast/questions", "feedback"))
                .isEqualTo(ChoiceParam.names(QuestionsQuery.Feedback.class));
    }

    @Test
    void everyDescribedOperationAnswersAtItsPathWithADescribedStatus() throws Exception {
        String root = document().at("/servers/0/url").asText();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : described().entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String path = entry.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            JsonNode operation = entry.getValue();
            HttpResponse<String> answer = send(method, root + path,
                    method.equals("POST") || method.equals("PATCH") ? "{}" : null);
            String status = Integer.toString(answer.statusCode());
            String what = entry.getKey() + " answered " + status + " " + answer.body();
            boolean bearer = operation.path("security").toString().contains("\"bearer\"");
            String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
            if (bearer && (!status.equals("401") || !challenge.startsWith("Bearer"))) {
                problems.add(what + ": without a token, expected 401 with WWW-Authenticate: Bearer");
            }
            if (!bearer && challenge.startsWith("Bearer")) {
                problems.add(what + ": asks for a token, the document says none is needed");
            }
            if (!operation.path("responses").has(status)) {
                problems.add(what + ": a status the document does not list");
            }
            if (answer.statusCode() >= 400) {
                JsonNode error = JSON.readTree(answer.body());
                Set<String> fields = new TreeSet<>();
                error.fieldNames().forEachRemaining(fields::add);
                if (error.path("code").asInt() != answer.statusCode() || !fields.contains("message")
                        || !Set.of("code", "message", "details").containsAll(fields)) {
                    problems.add(what + ": not the ErrorMessage shape");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static String enumOf(String route, String parameter) throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode p : described().get(route).path("parameters")) {
            if (p.path("name").asText().equals(parameter)) {
                p.at("/schema/enum").forEach(v -> values.add(v.asText()));
            }
        }
        return String.join(", ", values);
    }

    private static Set<String> without(Set<String> all, Set<String> some) {
        Set<String> rest = new TreeSet<>(Comparator.naturalOrder());
        rest.addAll(all);
        rest.removeAll(some);
        return rest;
    }
}
