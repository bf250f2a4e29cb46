package com.intelia.expert.resources.params;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every request body, right after Jackson has read it and before any resource sees it, so that no field can be
 * forgotten:
 * <ol>
 *   <li>every string anywhere in it (record fields, nested records, lists, free-form JSON trees such as
 *       metadata.sources, their keys too) must be storable ({@link StorableText}): 422 otherwise;</li>
 *   <li>every string, and every free-form JSON tree as written, is at most {@code limits.maxTextCharacters}
 *       characters: 413 otherwise; a JSON tree nests at most {@value #MAX_DEPTH} levels and holds finite numbers
 *       only: 422 otherwise;</li>
 *   <li>every timestamp lies between {@link Timestamps#EARLIEST_RECORDED} and {@link Timestamps#MAX_AHEAD} after
 *       now: 422 otherwise (each body timestamp says when something happened);</li>
 *   <li>then the record's own Bean Validation constraints: {@code @Size} on a string is 413 (too long), every other
 *       constraint 422, {@code @NotNull}/{@code @NotBlank} reading "is required".</li>
 * </ol>
 * Refusals are {@link InvalidInputException}s naming the field by its JSON path; free-form trees are named by
 * their declared field only, since their keys are the client's text. A body that is not JSON, or a field of the
 * wrong JSON type, never gets here (400 from JsonInputExceptionMapper).
 */
@Provider
public class RequestBodyChecks implements ReaderInterceptor {

    static final int MAX_DEPTH = 64;

    /** Each body record's components, looked up once per class (looked up on every request, they
     * were about 5 % of the service's JFR samples in `scripts/bench saves`). */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> record) {
            return Component.of(record);
        }
    };

    private final Validator validator;
    private final int maxTextCharacters;
    private final Clock clock;

    /** maxTextCharacters: the longest string a body may hold, in characters (limits.maxTextCharacters). */
    public RequestBodyChecks(Validator validator, int maxTextCharacters, Clock clock) {
        this.validator = validator;
        this.maxTextCharacters = maxTextCharacters;
        this.clock = clock;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body != null) {
            check(body);
        }
        return body;
    }

    /** The checks above on one body; throws InvalidInputException for the first mistake found. */
    public void check(Object body) {
        walk(body, "");
        validator.validate(body).stream()
                .map(v -> refusal(body.getClass(), v))
                .min(Comparator.comparing(InvalidInputException::field))
                .ifPresent(refusal -> {
                    throw refusal;
                });
    }

    private void walk(Object value, String path) {
        if (value == null) {
            return;
        }
        if (value instanceof CharSequence text) {
            text(text, path);
        } else if (value instanceof JsonNode tree) {
            tree(tree, path, 0);
            if (length(tree.toString()) > maxTextCharacters) {
                throw InvalidInputException.tooLong(path, maxTextCharacters);
            }
        } else if (value instanceof OffsetDateTime at) {
            if (!Timestamps.plausiblyRecorded(at, clock.instant())) {
                throw InvalidInputException.field(path, "must be between " + Timestamps.EARLIEST_RECORDED
                        + " and " + Timestamps.MAX_AHEAD.toHours() + " hours after the server's current time");
            }
        } else if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(((Number) value).doubleValue())) {
                throw InvalidInputException.field(path, "must be a finite number");
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getKey(), path);
                walk(entry.getValue(), path);
            }
        } else if (value.getClass().isRecord()) {
            for (Component component : COMPONENTS.get(value.getClass())) {
                walk(component.read(value), JsonNames.join(path, component.jsonName()));
            }
        }
    }

    private void text(CharSequence text, String path) {
        String problem = StorableText.problem(text);
        if (problem != null) {
            throw InvalidInputException.field(path, problem);
        }
        if (length(text) > maxTextCharacters) {
            throw InvalidInputException.tooLong(path, maxTextCharacters);
        }
    }

    private void tree(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw InvalidInputException.field(path, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isTextual()) {
            String problem = StorableText.problem(node.textValue());
            if (problem != null) {
                throw InvalidInputException.field(path, problem);
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw InvalidInputException.field(path, "holds a number that is not finite");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String problem = StorableText.problem(field.getKey());
                if (problem != null) {
                    throw InvalidInputException.field(path, "has a key that " + problem);
                }
                tree(field.getValue(), path, depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                tree(item, path, depth + 1);
            }
        }
    }

    private static InvalidInputException refusal(Class<?> root, ConstraintViolation<?> violation) {
        String field = JsonNames.of(root, violation.getPropertyPath());
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        if (constraint instanceof Size size && violation.getInvalidValue() instanceof CharSequence text
                && text.length() > size.max()) {
            return InvalidInputException.tooLong(field, size.max());
        }
        if (constraint instanceof NotNull || constraint instanceof NotBlank || constraint instanceof NotEmpty) {
            return InvalidInputException.field(field, "is required");
        }
        return InvalidInputException.field(field, violation.getMessage());
    }

    private static int length(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }

    private static String jsonName(RecordComponent component) {
        try {
            Field field = component.getDeclaringRecord().getDeclaredField(component.getName());
            return JsonNames.of(field);
        } catch (NoSuchFieldException e) {
            return component.getName();
        }
    }

    /** A record component as the walk reads it: its JSON name and its accessor. */
    private record Component(String jsonName, Method accessor) {

        static List<Component> of(Class<?> record) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent component : record.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                components.add(new Component(RequestBodyChecks.jsonName(component), accessor));
            }
            return List.copyOf(components);
        }

        Object read(Object record) {
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + accessor.getName() + " of a request body", e);
            }
        }
    }
}
