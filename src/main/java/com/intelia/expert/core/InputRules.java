package com.intelia.expert.core;

import jakarta.ws.rs.WebApplicationException;

import java.util.regex.Pattern;

/** Checks on request fields that answer 4xx with the field's name and the rule it broke. */
public final class InputRules {

    static final int UNPROCESSABLE = 422;
    static final int TOO_LARGE = 413;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private InputRules() {
    }

    public static WebApplicationException invalid(String field, String rule) {
        return new WebApplicationException(field + " " + rule, UNPROCESSABLE);
    }

    public static <T> T required(T value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw invalid(field, "is required");
        }
        return value;
    }

    /** A long text such as a question or an answer: over the limit is 413 with the limit in the message. */
    public static void text(String value, String field, int maxCharacters) {
        if (value != null && value.length() > maxCharacters) {
            throw new WebApplicationException(field + " is longer than the limit of " + maxCharacters
                    + " characters (" + value.length() + " given)", TOO_LARGE);
        }
    }

    /** A short label such as a language code or a model name. */
    public static void label(String value, String field, int maxCharacters) {
        if (value != null && value.length() > maxCharacters) {
            throw invalid(field, "must be at most " + maxCharacters + " characters");
        }
    }

    public static void range(Number value, String field, double min, double max) {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max || Double.isNaN(value.doubleValue()))) {
            throw invalid(field, "must be between " + format(min) + " and " + format(max));
        }
    }

    public static String email(String value, String field) {
        required(value, field);
        String trimmed = value.trim();
        if (trimmed.length() > 255 || !EMAIL.matcher(trimmed).matches()) {
            throw invalid(field, "must be an e-mail address such as name@example.com");
        }
        return trimmed;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
