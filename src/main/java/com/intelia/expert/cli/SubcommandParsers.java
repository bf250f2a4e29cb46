package com.intelia.expert.cli;

import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parsers a command's configure adds for its subcommands, for options every subcommand should take; Dropwizard's
 * DbCommand adds them without a way to reach them afterwards.
 */
final class SubcommandParsers {

    private SubcommandParsers() {
    }

    /** Runs {@code configure} on {@code subparser} and returns the subcommand parsers it added, by name. */
    static Map<String, Subparser> addedBy(Consumer<Subparser> configure, Subparser subparser) {
        Map<String, Subparser> added = new LinkedHashMap<>();
        Subparsers subparsers = subparser.addSubparsers();
        Subparsers recording = proxy(Subparsers.class, (method, args) -> {
            Object result = forward(method, subparsers, args);
            if (method.getName().equals("addParser")) {
                added.put((String) args[0], (Subparser) result);
            }
            return result;
        });
        configure.accept(proxy(Subparser.class, (method, args) -> method.getName().equals("addSubparsers")
                && method.getParameterCount() == 0 ? recording : forward(method, subparser, args)));
        return added;
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> handler.handle(method, args)));
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
