package com.intelia.expert.resources.openapi;

import com.intelia.expert.auth.TokenRefusal;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The errors every endpoint shares, described once (components) and attached to each operation by what its Java
 * method declares, so that a resource annotates only the errors that are its own (a 404, a 409, a 429):
 * <ul>
 *   <li>a declared error response without a body gets the error body, {@code ErrorMessage} JSON;</li>
 *   <li>an {@code @Auth} parameter: the bearer scheme and 401;</li>
 *   <li>{@code @RolesAllowed}: 403, administrators only;</li>
 *   <li>a query, path or bean parameter: 400;</li>
 *   <li>a body: 400 (not JSON, a field of the wrong type), 413, 415 and 422;</li>
 *   <li>every operation but the description itself: 503 (unless it declares its own, as health does), and
 *       {@code default} for an unexpected 500.</li>
 * </ul>
 */
final class ErrorResponses {

    /** The name of the security scheme: a Supabase access token in {@code Authorization: Bearer}. */
    static final String BEARER = "bearer";
    /** Dropwizard's ErrorMessage, the body of every error. */
    static final String ERROR_SCHEMA = "ErrorMessage";

    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String ADMIN_ONLY = "AdminOnly";
    static final String TOO_LARGE = "TooLarge";
    static final String NOT_JSON = "NotJson";
    static final String INVALID_FIELD = "InvalidField";
    static final String UNAVAILABLE = "Unavailable";
    static final String UNEXPECTED = "Unexpected";

    private ErrorResponses() {
    }

    /** Adds the error body's schema, the shared responses and the bearer scheme to {@code components}. */
    static void addTo(Components components) {
        components.addSchemas(ERROR_SCHEMA, errorSchema());
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("A Supabase access token of the signed-in user (HS256 with the"
                        + " project's JWT secret, or ES256/RS256 with its published keys), audience authenticated."
                        + " Administrators are users whose profile's user_type is admin or super_admin."));
        components.addResponses(BAD_REQUEST, error("A query or path parameter is malformed or out of its range, two"
                + " parameters contradict each other, or the body is not JSON or has a field of the wrong JSON type."
                + " `message` names the parameter or field and the rule, never the value sent."));
        components.addResponses(UNAUTHORIZED, error("No bearer access token, or a refused one."
                + " `WWW-Authenticate: Bearer` says why (RFC 6750); `details` holds the reason: " + refusalCodes()
                + ".").addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema())
                .description("Bearer realm=\"intelia-expert\", with error and error_description when a token was"
                        + " refused")));
        components.addResponses(ADMIN_ONLY, error("For administrators only: the signed-in user's profile must have"
                + " user_type admin or super_admin."));
        components.addResponses(TOO_LARGE, error("The body is larger than the server accepts (limits.maxRequestBytes,"
                + " refused before it is read), or a string field is longer than its limit; `message` names the"
                + " field and the limit in characters."));
        components.addResponses(NOT_JSON, error("The body is not sent as `Content-Type: application/json`, or with a"
                + " Content-Encoding other than gzip."));
        components.addResponses(INVALID_FIELD, error("The body is empty, or a field is missing, out of its range or"
                + " malformed; `message` names the field (a JSON path such as metadata.confidence) and the rule."));
        components.addResponses(UNAVAILABLE, error("Not available now, and nothing was changed: PostgreSQL cannot be"
                + " reached or is too slow (Retry-After: 5), the caller's admin role or Supabase cannot be checked"
                + " (Retry-After: 30 for the role), or the service is stopping or busy. Send the request again after"
                + " Retry-After seconds.").addHeaderObject("Retry-After", new Header().schema(new IntegerSchema())
                .description("seconds to wait before trying again")));
        components.addResponses(UNEXPECTED, error("An unexpected error (500); `details` holds `request_id=...`, the"
                + " X-Request-Id of the request, to quote when reporting it."));
    }

    /**
     * Completes one operation as the class comment says, from its Java method, and orders its responses by status
     * ({@code default} last).
     */
    static void complete(Operation operation, Method method) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.forEach((status, response) -> {
            if (isError(status) && response.get$ref() == null && response.getContent() == null) {
                response.content(errorContent());
            }
        });
        if (hasParameter(method, Auth.class)) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            shared(responses, "401", UNAUTHORIZED);
        }
        if (method.isAnnotationPresent(RolesAllowed.class)
                || method.getDeclaringClass().isAnnotationPresent(RolesAllowed.class)) {
            shared(responses, "403", ADMIN_ONLY);
        }
        if (hasParameter(method, QueryParam.class) || hasParameter(method, PathParam.class)
                || hasParameter(method, BeanParam.class) || takesBody(method)) {
            shared(responses, "400", BAD_REQUEST);
        }
        if (takesBody(method)) {
            shared(responses, "413", TOO_LARGE);
            shared(responses, "415", NOT_JSON);
            shared(responses, "422", INVALID_FIELD);
        }
        if (method.getDeclaringClass() != ApiDescriptionResource.class) {
            shared(responses, "503", UNAVAILABLE);
            shared(responses, ApiResponses.DEFAULT, UNEXPECTED);
        }
        ApiResponses ordered = new ApiResponses();
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(ErrorResponses::order)))
                .forEach(entry -> ordered.addApiResponse(entry.getKey(), entry.getValue()));
        operation.setResponses(ordered);
    }

    /** Whether a parameter is the client's: not the principal of the token, nor a Jersey context. */
    static boolean isClientInput(List<Annotation> annotations) {
        return annotations.stream().noneMatch(a -> a instanceof Auth || a instanceof Context);
    }

    private static void shared(ApiResponses responses, String status, String name) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().$ref(name));
        }
    }

    private static boolean hasParameter(Method method, Class<? extends Annotation> kind) {
        return Arrays.stream(method.getParameterAnnotations())
                .anyMatch(annotations -> Arrays.stream(annotations).anyMatch(kind::isInstance));
    }

    /** A parameter without a JAX-RS source annotation is the body (JAX-RS's entity parameter). */
    private static boolean takesBody(Method method) {
        return Arrays.stream(method.getParameterAnnotations()).anyMatch(annotations ->
                isClientInput(List.of(annotations)) && Arrays.stream(annotations).noneMatch(a ->
                        a.annotationType().getPackageName().equals(QueryParam.class.getPackageName())));
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static String order(String status) {
        return status.equals(ApiResponses.DEFAULT) ? "9" : status;
    }

    private static String refusalCodes() {
        return Arrays.stream(TokenRefusal.values()).filter(refusal -> refusal.status() == 401)
                .map(TokenRefusal::code).collect(Collectors.joining(", "));
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(errorContent());
    }

    static Content errorContent() {
        return new Content().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                new MediaType().schema(new Schema<>().$ref(ERROR_SCHEMA)));
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema().description("Every error of this API: Dropwizard's error body.")
                .addProperty("code", new IntegerSchema().description("the HTTP status, repeated"))
                .addProperty("message", new StringSchema().description("what to change, naming the parameter or"
                        + " field and the rule; never the value sent"))
                .addProperty("details", new StringSchema().description("when present: the reason code of a refused"
                        + " token (401), or request_id=... of a 5xx"))
                .required(List.of("code", "message"));
    }
}
