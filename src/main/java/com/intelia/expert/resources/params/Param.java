package com.intelia.expert.resources.params;

/**
 * A typed query, path or task parameter, parsed and checked once when it is built, in the manner of Dropwizard's
 * {@code AbstractParam}: Jersey builds it through {@link ParamConverters} with the parameter's name, admin tasks
 * build it with {@code new XParam(value, "name")}. Every input is first checked for characters PostgreSQL cannot
 * store. A missing or blank input is absent ({@link #get()} is null); any mistake is a 400
 * ({@link InvalidInputException#parameter}) naming the parameter and the rule, never echoing the value.
 *
 * @param <T> the parsed value
 */
public abstract class Param<T> {

    /** Reads the trimmed, non-blank text of parameter {@code name}; throws InvalidInputException when invalid. */
    @FunctionalInterface
    protected interface Parser<T> {
        T parse(String text, String name);
    }

    private final String name;
    private final T value;

    protected Param(String input, String name, Parser<T> parser) {
        this.name = name;
        if (input == null || input.isBlank()) {
            this.value = null;
            return;
        }
        String problem = StorableText.problem(input);
        if (problem != null) {
            throw InvalidInputException.parameter(name, problem);
        }
        this.value = parser.parse(input.strip(), name);
    }

    /** The parameter's name, as the client spells it ({@code user_id}). */
    public final String name() {
        return name;
    }

    /** The value, or null when the parameter was not given. */
    public final T get() {
        return value;
    }

    public final boolean isPresent() {
        return value != null;
    }

    public final T orElse(T fallback) {
        return value == null ? fallback : value;
    }

    /** The value; 400 "{@code name is required: hint}" when the parameter was not given. */
    public final T required(String hint) {
        if (value == null) {
            throw InvalidInputException.parameter(name, "is required: " + hint);
        }
        return value;
    }

    /** The value of a possibly absent parameter object (Jersey passes null for a parameter not in the request). */
    public static <T> T valueOf(Param<T> param) {
        return param == null ? null : param.get();
    }

    /** The name and whether a value was given, never the value: a parameter may carry a user's text. */
    @Override
    public String toString() {
        return name + (value == null ? " (absent)" : " (given)");
    }
}
