package com.intelia.expert.resources.params;

/** Whole numbers of parameters, read in base 10 without sign tricks, within a range stated in every refusal. */
final class WholeNumbers {

    private WholeNumbers() {
    }

    /** The number in [min, max]; 400 "{@code name must be a whole number between min and max}" otherwise. */
    static long within(String text, String name, long min, long max) {
        String rule = "must be a whole number between " + min + " and " + max;
        if (text.length() > 19 || !text.matches("[+-]?[0-9]+")) {
            throw InvalidInputException.parameter(name, rule);
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw InvalidInputException.parameter(name, rule);
        }
        if (value < min || value > max) {
            throw InvalidInputException.parameter(name, rule);
        }
        return value;
    }
}
