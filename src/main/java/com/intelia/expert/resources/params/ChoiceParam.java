package com.intelia.expert.resources.params;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One of a fixed set of names, matched case-insensitively to the constants of an enum (written in lower case by
 * clients: {@code week}, {@code positive}). 400 listing the names otherwise.
 *
 * @param <E> the enum the names stand for
 */
public abstract class ChoiceParam<E extends Enum<E>> extends Param<E> {

    protected ChoiceParam(String input, String name, Class<E> choices) {
        super(input, name, (text, n) -> {
            for (E choice : choices.getEnumConstants()) {
                if (choice.name().equalsIgnoreCase(text)) {
                    return choice;
                }
            }
            throw InvalidInputException.parameter(n, "must be one of " + names(choices));
        });
    }

    /** The names clients write, comma-separated, in declaration order. */
    public static String names(Class<? extends Enum<?>> choices) {
        return Arrays.stream(choices.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
