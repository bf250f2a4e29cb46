package com.intelia.expert.resources.params;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;

/**
 * Lets Jersey build every {@link Param} from the request through its {@code (String input, String name)}
 * constructor, so that its errors name the parameter as the client wrote it. A blank value counts as absent:
 * the {@code @DefaultValue} when there is one, else null.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!Param.class.isAssignableFrom(rawType)) {
            return null;
        }
        Constructor<T> constructor;
        try {
            constructor = rawType.getConstructor(String.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(rawType.getSimpleName() + " needs a public (String input, String name)"
                    + " constructor", e);
        }
        String name = nameOf(annotations);
        String defaultValue = defaultOf(annotations);
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                String input = value == null || value.isBlank() ? defaultValue : value;
                if (input == null) {
                    return null;
                }
                try {
                    return constructor.newInstance(input, name);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof WebApplicationException refusal) {
                        throw refusal;
                    }
                    throw new IllegalStateException("building " + rawType.getSimpleName() + " failed", e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot build " + rawType.getSimpleName(), e);
                }
            }

            @Override
            public String toString(T value) {
                Object parsed = ((Param<?>) value).get();
                return parsed == null ? null : parsed.toString();
            }
        };
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam a) {
                return a.value();
            } else if (annotation instanceof PathParam a) {
                return a.value();
            } else if (annotation instanceof FormParam a) {
                return a.value();
            } else if (annotation instanceof HeaderParam a) {
                return a.value();
            } else if (annotation instanceof CookieParam a) {
                return a.value();
            } else if (annotation instanceof MatrixParam a) {
                return a.value();
            }
        }
        return "parameter";
    }

    private static String defaultOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof DefaultValue a) {
                return a.value();
            }
        }
        return null;
    }
}
