package com.intelia.expert.resources.params;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.lang.reflect.Field;

/** The names clients use for the fields of a body record: {@code @JsonProperty} where given, else the Java name. */
final class JsonNames {

    private JsonNames() {
    }

    /** The JSON name of a field (a record component's field carries its {@code @JsonProperty}). */
    static String of(Field field) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    /** Joins a parent path and a field name: {@code metadata} + {@code confidence} = {@code metadata.confidence}. */
    static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** A Bean Validation property path of {@code root} in JSON names, such as {@code metadata.confidence}. */
    static String of(Class<?> root, Path path) {
        String out = "";
        Class<?> type = root;
        for (Path.Node node : path) {
            if (node.getKind() != ElementKind.PROPERTY || node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null) {
                out = out + "[" + node.getIndex() + "]";
            }
            Field field = field(type, node.getName());
            out = join(out, field == null ? node.getName() : of(field));
            type = field == null ? Object.class : field.getType();
        }
        return out.isEmpty() ? "request body" : out;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
