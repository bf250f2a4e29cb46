package com.intelia.expert.resources.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.intelia.expert.resources.params.Param;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

import java.util.Iterator;

/**
 * swagger-core's model reader with this service's types: a query or path parameter class ({@link Param}) is the
 * wire form its class-level {@code @Schema} states (a string, a bounded integer), inline, where swagger-core would
 * describe the Java object; a nested record is named after its enclosing type ({@code DashboardStatsFeedback},
 * {@code InvitationStatsFast}), where its simple name alone would mean little to a client and two records of the
 * same name would share one schema. Registered in META-INF/services, which swagger-core reads.
 */
public final class ApiModelResolver extends ModelResolver {

    public ApiModelResolver() {
        super(Json.mapper(), new OuterInnerNames());
    }

    @Override
    public Schema resolve(AnnotatedType annotated, ModelConverterContext context, Iterator<ModelConverter> next) {
        JavaType type = annotated.getType() == null ? null : _mapper.constructType(annotated.getType());
        if (type != null && Param.class.isAssignableFrom(type.getRawClass())) {
            io.swagger.v3.oas.annotations.media.Schema wire =
                    type.getRawClass().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (wire == null) {
                throw new IllegalStateException(type.getRawClass().getSimpleName() + " needs a class-level @Schema"
                        + " saying its wire form, for the API description");
            }
            return AnnotationsUtils.getSchemaFromAnnotation(wire, null).orElseThrow();
        }
        return super.resolve(annotated, context, next);
    }

    /** Outer and inner simple names joined, for any depth of nesting. */
    private static final class OuterInnerNames extends TypeNameResolver {
        @Override
        protected String getNameOfClass(Class<?> type) {
            Class<?> outer = type.getEnclosingClass();
            return outer == null ? super.getNameOfClass(type) : getNameOfClass(outer) + type.getSimpleName();
        }
    }
}
