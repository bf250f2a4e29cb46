package com.intelia.expert.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.configuration.ConfigurationSourceProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables set which place of config.yml, read from the file before substitution: the value of
 * {@code warmUp.rounds} is {@code ${WARM_UP_ROUNDS:-3}}, so an error about {@code warmUp.rounds} is about
 * WARM_UP_ROUNDS. Places are named as Dropwizard names them in its errors: keys joined with dots, list items as
 * {@code [0]} ({@code server.applicationConnectors[0].port}).
 */
public final class ConfigurationVariables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    /** Place to variables, longest place first (so that {@code a.bc} is tried before {@code a.b}). */
    private final Map<String, Set<String>> byPlace;

    private ConfigurationVariables(Map<String, Set<String>> byPlace) {
        this.byPlace = byPlace;
    }

    /** The variables of the file at {@code path}; none when it cannot be read or parsed (Dropwizard says why). */
    public static ConfigurationVariables of(ConfigurationSourceProvider files, String path) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        try (InputStream in = files.open(path)) {
            JsonNode root = new YAMLMapper().readTree(in);
            if (root != null) {
                collect(root, "", found);
            }
        } catch (IOException | RuntimeException e) {
            return new ConfigurationVariables(Map.of());
        }
        Map<String, Set<String>> sorted = new LinkedHashMap<>();
        found.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(place -> sorted.put(place, found.get(place)));
        return new ConfigurationVariables(sorted);
    }

    private static void collect(JsonNode node, String place, Map<String, Set<String>> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(field.getValue(), place.isEmpty() ? field.getKey() : place + "." + field.getKey(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), place + "[" + i + "]", found);
            }
        } else if (node.isTextual()) {
            Matcher matcher = VARIABLE.matcher(node.asText());
            Set<String> names = new LinkedHashSet<>();
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            if (!names.isEmpty()) {
                found.put(place, names);
            }
        }
    }

    /**
     * {@code error} with the variables named after the place it is about: "warmUp.rounds must be less than or equal
     * to 20" (a refused value: the place comes first) becomes "warmUp.rounds (WARM_UP_ROUNDS) must be less than or
     * equal to 20", and "Incorrect type of value at: warmUp.rounds; ..." (a value of the wrong type) names it after
     * the place. Jackson writes a list item as {@code .[0]}, the validator as {@code [0]}; both are read. Unchanged
     * when the place is not one a variable sets.
     */
    public String name(String error) {
        for (Map.Entry<String, Set<String>> entry : byPlace.entrySet()) {
            String place = Pattern.quote(entry.getKey()).replace("[", "\\E\\.?\\Q[");
            Matcher matcher = Pattern.compile("(?:^|at: )(" + place + ")(?![\\w.\\[])").matcher(error);
            if (matcher.find()) {
                return error.substring(0, matcher.end(1)) + " (" + String.join(", ", entry.getValue()) + ")"
                        + error.substring(matcher.end(1));
            }
        }
        return error;
    }

    /** Each error with its variables named; whether any was. */
    public Named name(Iterable<String> errors) {
        List<String> named = new ArrayList<>();
        boolean any = false;
        for (String error : errors) {
            String text = name(error);
            any |= !text.equals(error);
            named.add(text);
        }
        return new Named(named, any);
    }

    /** Errors with their variables named, and whether any error names one. */
    public record Named(List<String> errors, boolean namesVariables) {
    }
}
