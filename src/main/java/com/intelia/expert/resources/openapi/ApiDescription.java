package com.intelia.expert.resources.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OpenAPI 3 description of this service's API, read by swagger-core from the Jersey resources the application
 * registered (this service's own classes only, never a classpath scan) and their annotations, with the errors every
 * endpoint shares ({@link ErrorResponses}). Read once, on the first request, when every resource is registered and
 * Jersey's root path is known; then served from memory.
 */
public final class ApiDescription {

    /** Resources of this package and below are described; Jersey's and Dropwizard's own are not. */
    static final String BASE_PACKAGE = "com.intelia.expert";

    private static final String OVERVIEW = """
            Backend of Intelia Expert: the chat page's conversations and ratings, invitations, and the statistics of \
            the admin pages. Paths are relative to the server URL, the service's root path (API_ROOT_PATH, `/api` \
            by default).

            Operations with the `bearer` security need `Authorization: Bearer <Supabase access token>`; the others \
            take no token. Every error is JSON `{code, message, details?}` (`ErrorMessage`), its message saying \
            what to change. Besides the responses listed per operation, any path answers the same JSON for: a path \
            this API does not have (404), a method the path does not take (405, with Allow), an Accept header \
            without JSON (406), a body not received in time (408), a URI or headers too large (414, 431). Every \
            answer carries X-Request-Id.""";

    private static final Logger LOG = LoggerFactory.getLogger(ApiDescription.class);

    private final JerseyEnvironment jersey;
    private final String version;
    private volatile String json;

    /**
     * @param jersey the application's Jersey environment: its registered resources and root path are read on the
     *               first {@link #json()}
     * @param version the running version, shown as the document's info.version
     */
    public ApiDescription(JerseyEnvironment jersey, String version) {
        this.jersey = jersey;
        this.version = version;
    }

    /**
     * The document as JSON text (about 90 KB), built on the first call (seconds of CPU: swagger-core introspects
     * every resource and record; logged at INFO with its time) and kept.
     */
    public String json() {
        String document = json;
        if (document == null) {
            synchronized (this) {
                if (json == null) {
                    long start = System.nanoTime();
                    Set<Class<?>> resources = resources(jersey.getResourceConfig());
                    json = write(read(resources, rootPath(jersey.getUrlPattern()), version));
                    LOG.info("API description read from {} resource classes in {} ms ({} bytes)", resources.size(),
                            Duration.ofNanos(System.nanoTime() - start).toMillis(), json.length());
                }
                document = json;
            }
        }
        return document;
    }

    /**
     * The description of these resource classes, served under {@code rootPath}, paths and schemas in alphabetical
     * order, every body required.
     */
    static OpenAPI read(Set<Class<?>> resources, String rootPath, String version) {
        Components components = new Components();
        ErrorResponses.addTo(components);
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Intelia Expert service").version(version).description(OVERVIEW))
                .addServersItem(new Server().url(rootPath).description("this service, under its root path"))
                .components(components);
        SwaggerConfiguration configuration = new SwaggerConfiguration().openAPI(base).defaultResponseCode("200")
                .readAllResources(true);
        OpenAPI description = new ResourceReader(configuration).read(resources);
        // every resource method that takes a body refuses an empty one (RequestBodies.required: 422)
        description.getPaths().values().forEach(path -> path.readOperations().stream()
                .filter(operation -> operation.getRequestBody() != null)
                .forEach(operation -> operation.getRequestBody().required(true)));
        Paths sorted = new Paths();
        description.getPaths().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(path -> sorted.addPathItem(path.getKey(), path.getValue()));
        description.setPaths(sorted);
        description.getComponents().setSchemas(new LinkedHashMap<>(new TreeMap<>(
                description.getComponents().getSchemas())));
        return description;
    }

    /** Every resource class registered with Jersey that belongs to this service, by name. */
    static Set<Class<?>> resources(ResourceConfig config) {
        Set<Class<?>> classes = new TreeSet<>(Comparator.comparing(Class::getName));
        config.getClasses().forEach(classes::add);
        config.getInstances().forEach(instance -> classes.add(instance.getClass()));
        classes.removeIf(type -> !type.isAnnotationPresent(Path.class)
                || !type.getPackageName().startsWith(BASE_PACKAGE));
        return classes;
    }

    /** Jersey's URL pattern as the API's root path: "/api/*" to "/api"; "/*" to "/". */
    public static String rootPath(String urlPattern) {
        String root = urlPattern == null ? "" : urlPattern.replaceAll("/\\*$", "");
        return root.isEmpty() ? "/" : root;
    }

    private static String write(OpenAPI description) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(description);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI description cannot be written as JSON", e);
        }
    }
}
