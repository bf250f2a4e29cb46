package com.intelia.expert.resources;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.intelia.expert.resources.params.Timestamps;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.time.temporal.Temporal;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A request body that is not JSON, or whose field has the wrong type (a number out of its type's range included),
 * answers 400 naming the field and the type it needs, never the value; Dropwizard's default says only "Unable to
 * process JSON". See InvalidInputException for the status of every other kind of mistake.
 */
@Provider
@Priority(1)
public class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(400, describe(exception))).build();
    }

    static String describe(JsonProcessingException exception) {
        if (exception instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return field(mismatch) + " must be " + expected(mismatch.getTargetType());
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            if (mapping.getCause() instanceof InputCoercionException coercion) {
                return field(mapping) + " must be " + range(coercion.getTargetType());
            }
            if (mapping.getCause() instanceof JsonProcessingException syntax && !(syntax instanceof JsonMappingException)) {
                return describe(syntax);
            }
            return field(mapping) + " has a value that cannot be read";
        }
        if (exception instanceof MismatchedInputException) {
            return "request body must be a JSON object";
        }
        if (exception instanceof InputCoercionException coercion) {
            return "a number in the request body must be " + range(coercion.getTargetType());
        }
        JsonLocation at = exception.getLocation();
        return at == null ? "request body is not valid JSON"
                : "request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String range(Class<?> type) {
        if (type == Integer.class || type == Integer.TYPE) {
            return "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == Long.TYPE) {
            return "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        return "a number within the range of its type";
    }

    private static String field(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == UUID.class) {
            return "a UUID such as 843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return Timestamps.TIMESTAMP_FORM;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON object";
    }
}
