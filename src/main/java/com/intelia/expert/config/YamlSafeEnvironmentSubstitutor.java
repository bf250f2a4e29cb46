package com.intelia.expert.config;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;

import java.util.function.Function;

/**
 * Substitutes ${VAR} and ${VAR:-default} in config.yml from the environment, escaping each value for a
 * double-quoted YAML string so that a password with a quote or backslash cannot break parsing (a parse
 * error would print the surrounding text, secret included). A variable set to the empty string counts as unset, so
 * that ${VAR:-default} takes the default: App Platform, Compose and shells often declare a variable without a value,
 * and WARM_UP_ROUNDS= or PORT= would otherwise be an empty, i.e. missing, value (no warm-up, a random port).
 */
public final class YamlSafeEnvironmentSubstitutor extends EnvironmentVariableSubstitutor {

    public YamlSafeEnvironmentSubstitutor(Function<String, String> environment) {
        // not strict (every variable has a default or is checked by the validator), nested defaults allowed
        super(false, true);
        setVariableResolver(name -> escape(emptyAsUnset(environment.apply(name))));
    }

    private static String emptyAsUnset(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
