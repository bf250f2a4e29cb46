package com.intelia.expert.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * .do/app.yaml against what it deploys: every variable config.yml reads is declared (secrets as SECRET), the routes
 * are exactly README's paths, each answered by a resource the running application registered, and every public
 * resource path is routed; health check, instance count and the pre-deploy migration as README says.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AppSpecTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    /** Read only outside production: production always has POSTGRES_HOST, so no embedded PostgreSQL. */
    private static final Set<String> DEVELOPMENT_ONLY = Set.of("EMBEDDED_POSTGRES_DIR", "EMBEDDED_POSTGRES_PORT");
    private static final Set<String> SECRETS = Set.of("POSTGRES_PASSWORD", "POSTGRES_READ_PASSWORD", "SUPABASE_KEY", "SUPABASE_SERVICE_KEY",
            "JWT_SECRET", "SECRET_KEY", "OPENAI_API_KEY", "ADMIN_TOKEN");

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        return all.toArray(new ConfigOverride[0]);
    }

    private static JsonNode spec() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(java.nio.file.Path.of(".do", "app.yaml").toFile());
    }

    private static Map<String, JsonNode> envs(JsonNode spec) {
        Map<String, JsonNode> envs = new LinkedHashMap<>();
        spec.path("envs").forEach(env -> envs.put(env.get("key").asText(), env));
        spec.path("services").forEach(service -> service.path("envs")
                .forEach(env -> envs.put(env.get("key").asText(), env)));
        return envs;
    }

    private static List<String> routes(JsonNode spec) {
        List<String> prefixes = new ArrayList<>();
        spec.at("/ingress/rules").forEach(rule -> prefixes.add(rule.at("/match/path/prefix").asText()));
        return prefixes;
    }

    @Test
    void everyVariableConfigYmlReadsIsDeclaredAndSecretsAreSecret() throws IOException {
        Set<String> read = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(java.nio.file.Path.of("config.yml")));
        while (variable.find()) {
            read.add(variable.group(1));
        }
        read.removeAll(DEVELOPMENT_ONLY);
        Map<String, JsonNode> declared = envs(spec());

        assertThat(declared.keySet()).containsAll(read);
        assertThat(read).as("no variable declared that config.yml does not read").containsAll(declared.keySet());
        for (String secret : SECRETS) {
            assertThat(declared.get(secret).path("type").asText()).as(secret).isEqualTo("SECRET");
        }
        declared.forEach((key, env) -> {
            if (env.path("type").asText().equals("SECRET")) {
                assertThat(env.path("value").asText()).as(key + " holds no secret in git")
                        .satisfiesAnyOf(value -> assertThat(value).isEmpty(), value -> assertThat(value).startsWith("${"));
            }
        });
        assertThat(declared.get("ENVIRONMENT").get("value").asText()).isEqualTo("production");
        assertThat(declared.get("API_ROOT_PATH").get("value").asText()).isEqualTo("/api");
    }

    @Test
    void theRoutesAreExactlyReadmesPathsWithTheirPrefixPreserved() throws IOException {
        JsonNode spec = spec();
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        String table = readme.substring(readme.indexOf("| Route", readme.indexOf("### Paths this service answers")));
        Set<String> listed = new LinkedHashSet<>();
        for (String line : table.substring(0, table.indexOf("\n\n")).split("\n")) {
            Matcher path = Pattern.compile("`(/api[^`]*)`").matcher(line.split("\\|")[1]);
            while (path.find()) {
                listed.add(path.group(1));
            }
        }

        assertThat(routes(spec)).containsExactlyInAnyOrderElementsOf(listed);
        String service = spec.at("/services/0/name").asText();
        spec.at("/ingress/rules").forEach(rule -> {
            assertThat(rule.at("/component/name").asText()).isEqualTo(service);
            assertThat(rule.at("/component/preserve_path_prefix").asBoolean()).as(rule.toString()).isTrue();
        });
    }

    @Test
    void everyRouteIsAnsweredByARegisteredResourceAndEveryResourceIsRouted() throws IOException {
        String root = "/api"; // API_ROOT_PATH, as the spec sets it
        List<String> served = new ArrayList<>();
        org.glassfish.jersey.server.ResourceConfig config = APP.getEnvironment().jersey().getResourceConfig();
        Set<Class<?>> classes = new LinkedHashSet<>(config.getClasses());
        config.getSingletons().forEach(singleton -> classes.add(singleton.getClass()));
        config.getResources().forEach(resource -> resource.getHandlerClasses().forEach(classes::add));
        for (Class<?> resource : classes) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            String base = join(root, classPath.value());
            for (Method method : resource.getMethods()) {
                Path methodPath = method.getAnnotation(Path.class);
                boolean endpoint = java.util.Arrays.stream(method.getAnnotations()).anyMatch(a ->
                        a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class));
                if (endpoint) {
                    served.add(methodPath == null ? base : join(base, methodPath.value()));
                }
            }
        }
        List<String> routes = routes(spec());

        assertThat(served).isNotEmpty();
        for (String route : routes) {
            assertThat(served).as("a resource under " + route).anyMatch(p -> p.equals(route) || p.startsWith(route + "/"));
        }
        for (String path : served) {
            assertThat(routes).as("a route to " + path).anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
        }
    }

    @Test
    void twoInstancesProbedOnTheHealthPathAndMigratedBeforeEachDeployment() throws IOException {
        JsonNode service = spec().at("/services/0");
        JsonNode jobs = spec().path("jobs");

        assertThat(service.get("http_port").asInt()).isEqualTo(8080);
        assertThat(service.get("instance_count").asInt()).isEqualTo(2);
        assertThat(service.at("/health_check/http_path").asText()).isEqualTo("/api/health");
        assertThat(service.at("/liveness_health_check/http_path").isMissingNode())
                .as("liveness is a TCP check: a PostgreSQL outage must not restart instances").isTrue();
        assertThat(jobs).anySatisfy(job -> {
            assertThat(job.get("kind").asText()).isEqualTo("PRE_DEPLOY");
            assertThat(job.get("run_command").asText()).contains("db migrate");
        });
        assertThat(envs(spec()).get("POSTGRES_POOL_MODE").get("value").asText())
                .as("db migrate needs a session").isEqualTo("session");
    }

    private static String join(String base, String path) {
        String joined = (base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
