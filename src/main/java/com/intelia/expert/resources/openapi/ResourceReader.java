package com.intelia.expert.resources.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.oas.integration.api.OpenAPIConfiguration;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import com.fasterxml.jackson.databind.type.TypeFactory;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * swagger-core's JAX-RS reader with this service's conventions: the token's principal ({@code @Auth}) and Jersey's
 * {@code @Context} objects are not parameters a client sends, a {@code @BeanParam} is its annotated fields, every
 * operation keeps a success response read from its
 * Java return type even when it declares errors of its own, and the shared errors of {@link ErrorResponses} are
 * attached to each operation.
 */
final class ResourceReader extends Reader {

    /** The description of a success read from the return type (swagger-core's own says "default response"). */
    private static final String SUCCESS = "OK";

    ResourceReader(OpenAPIConfiguration configuration) {
        super(configuration);
    }

    @Override
    protected ResolvedParameter getParameters(Type type, List<Annotation> annotations, Operation operation,
                                              Consumes classConsumes, Consumes methodConsumes, JsonView jsonView) {
        if (!ErrorResponses.isClientInput(annotations)) {
            return new ResolvedParameter();
        }
        if (annotations.stream().anyMatch(BeanParam.class::isInstance)) {
            return beanParameters(TypeFactory.rawClass(type), operation, classConsumes, methodConsumes, jsonView);
        }
        return super.getParameters(type, annotations, operation, classConsumes, methodConsumes, jsonView);
    }

    /**
     * A {@code @BeanParam}'s parameters: its annotated fields, as Jersey fills them (swagger-core would look for
     * Jackson properties, which private fields without getters are not, and describe the bean as a body).
     */
    private ResolvedParameter beanParameters(Class<?> bean, Operation operation, Consumes classConsumes,
                                             Consumes methodConsumes, JsonView jsonView) {
        ResolvedParameter all = new ResolvedParameter();
        for (Field field : bean.getDeclaredFields()) {
            List<Annotation> annotations = List.of(field.getAnnotations());
            if (annotations.stream().anyMatch(a -> a instanceof QueryParam || a instanceof PathParam
                    || a instanceof BeanParam)) {
                ResolvedParameter one = getParameters(field.getGenericType(), annotations, operation, classConsumes,
                        methodConsumes, jsonView);
                all.parameters.addAll(one.parameters);
            }
        }
        return all;
    }

    @Override
    protected Operation parseMethod(Class<?> cls, Method method, List<Parameter> globalParameters,
                                    Produces methodProduces, Produces classProduces, Consumes methodConsumes,
                                    Consumes classConsumes, List<SecurityRequirement> classSecurityRequirements,
                                    Optional<ExternalDocumentation> classExternalDocs, Set<String> classTags,
                                    List<Server> classServers, boolean isSubresource, RequestBody parentRequestBody,
                                    ApiResponses parentResponses, JsonView jsonViewAnnotation,
                                    io.swagger.v3.oas.annotations.responses.ApiResponse[] classResponses,
                                    com.fasterxml.jackson.databind.introspect.AnnotatedMethod annotatedMethod) {
        Operation operation = super.parseMethod(cls, method, globalParameters, methodProduces, classProduces,
                methodConsumes, classConsumes, classSecurityRequirements, classExternalDocs, classTags, classServers,
                isSubresource, parentRequestBody, parentResponses, jsonViewAnnotation, classResponses,
                annotatedMethod);
        keepSuccess(operation, method);
        ErrorResponses.complete(operation, method);
        return operation;
    }

    /**
     * swagger-core reads the 200 from the return type only when the method declares no response at all; a method
     * that declares its errors (and a record as return type) gets it here.
     */
    private void keepSuccess(Operation operation, Method method) {
        ApiResponses responses = operation.getResponses();
        boolean success = responses.keySet().stream().anyMatch(status -> status.startsWith("2"));
        responses.values().stream().filter(r -> DEFAULT_DESCRIPTION.equals(r.getDescription()))
                .forEach(r -> r.description(SUCCESS));
        Type returned = method.getGenericReturnType();
        if (success || returned == Response.class || returned == void.class) {
            return;
        }
        ResolvedSchema resolved = ModelConverters.getInstance(config.toConfiguration())
                .resolveAsResolvedSchema(new AnnotatedType(returned).resolveAsRef(true).components(getComponents()));
        if (resolved.referencedSchemas != null) {
            resolved.referencedSchemas.forEach(getComponents()::addSchemas);
        }
        responses.addApiResponse("200", new ApiResponse().description(SUCCESS).content(new Content()
                .addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON, new MediaType().schema(resolved.schema))));
    }
}
