package com.intelia.expert.resources;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.tasks.Task;
import io.dropwizard.servlets.tasks.TaskServlet;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.glassfish.jersey.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the running application answers: every Jersey resource method (read from Jersey's own resource model, so a
 * new endpoint is driven without touching the test) and every task on the admin port.
 */
final class ApiSurface {

    /** One method on one path template of the application port, with the parameters it declares. */
    record Endpoint(String method, String template, List<String> pathParams, List<String> queryParams,
                    Class<?> entity, boolean declared) {

        /** Same route whatever the path parameters are called. */
        String route() {
            return method + " " + template.replaceAll("\\{[^}]*}", "{}");
        }

        @Override
        public String toString() {
            return method + " " + template + (queryParams.isEmpty() ? "" : " ?" + String.join("&", queryParams));
        }
    }

    private ApiSurface() {
    }

    static List<Endpoint> endpoints(Environment environment) {
        String root = environment.jersey().getUrlPattern().replaceAll("/\\*$", "");
        Set<Class<?>> classes = new LinkedHashSet<>(environment.jersey().getResourceConfig().getClasses());
        environment.jersey().getResourceConfig().getInstances().forEach(instance -> classes.add(instance.getClass()));
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(Path.class)) {
                collect(Resource.from(type), root, endpoints);
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return endpoints;
    }

    private static void collect(Resource resource, String prefix, List<Endpoint> into) {
        String path = join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            List<String> query = new ArrayList<>();
            Set<String> pathParams = new LinkedHashSet<>();
            Class<?> entity = null;
            for (Parameter parameter : method.getInvocable().getParameters()) {
                switch (parameter.getSource()) {
                    case QUERY -> query.add(parameter.getSourceName());
                    case PATH -> pathParams.add(parameter.getSourceName());
                    case BEAN_PARAM -> beanParams(parameter.getRawType(), query, pathParams);
                    case ENTITY -> entity = parameter.getRawType();
                    default -> {
                    }
                }
            }
            String template = path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}");
            into.add(new Endpoint(method.getHttpMethod(), template, names(template), List.copyOf(new TreeSet<>(query)),
                    entity, true));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, into);
        }
    }

    /** @BeanParam classes: their @QueryParam and @PathParam fields, constructor parameters and setters. */
    private static void beanParams(Class<?> bean, List<String> query, Set<String> pathParams) {
        List<AnnotatedElement> elements = new ArrayList<>(List.of(bean.getDeclaredFields()));
        elements.addAll(List.of(bean.getDeclaredMethods()));
        for (Constructor<?> constructor : bean.getDeclaredConstructors()) {
            elements.addAll(List.of(constructor.getParameters()));
        }
        for (Method method : bean.getDeclaredMethods()) {
            elements.addAll(List.of(method.getParameters()));
        }
        for (AnnotatedElement element : elements) {
            QueryParam q = element.getAnnotation(QueryParam.class);
            if (q != null && !query.contains(q.value())) {
                query.add(q.value());
            }
            PathParam p = element.getAnnotation(PathParam.class);
            if (p != null) {
                pathParams.add(p.value());
            }
        }
        for (Field field : bean.getDeclaredFields()) {
            if (field.isAnnotationPresent(jakarta.ws.rs.BeanParam.class)) {
                beanParams(field.getType(), query, pathParams);
            }
        }
    }

    private static List<String> names(String template) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String join(String prefix, String path) {
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        String joined = prefix.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
        return joined.length() > 1 ? joined.replaceAll("/+$", "") : joined;
    }

    /** Every task name on the admin port: this service's task servlets and Dropwizard's own TaskServlet. */
    static List<String> tasks(Environment environment) {
        Set<String> names = new TreeSet<>();
        var handler = environment.getAdminContext().getServletHandler();
        for (ServletMapping mapping : handler.getServletMappings()) {
            for (String spec : mapping.getPathSpecs()) {
                if (spec.startsWith("/tasks/") && !spec.endsWith("*")) {
                    names.add(spec.substring("/tasks/".length()));
                }
            }
        }
        Set<ServletHolder> holders = new HashSet<>(List.of(handler.getServlets()));
        holders.stream().flatMap(holder -> {
            try {
                return holder.getServletInstance() instanceof TaskServlet tasks
                        ? tasks.getTasks().stream().map(Task::getName) : Stream.empty();
            } catch (RuntimeException e) {
                return Stream.empty();
            }
        }).forEach(names::add);
        return List.copyOf(names);
    }
}
