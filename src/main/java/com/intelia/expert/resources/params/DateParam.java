package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A whole UTC day, {@code 2025-10-31}, between {@link Timestamps#FIRST_FILTER_DAY} and
 * {@link Timestamps#LAST_FILTER_DAY}. 400 otherwise.
 */
@Schema(type = "string", format = "date", example = "2025-10-31", description = "a whole UTC day")
public final class DateParam extends Param<LocalDate> {

    public static final String RULE = "must be a date such as 2025-10-31, between " + Timestamps.FIRST_FILTER_DAY
            + " and " + Timestamps.LAST_FILTER_DAY;

    public DateParam(String input, String name) {
        super(input, name, (text, n) -> {
            try {
                LocalDate day = Timestamps.parseDate(text);
                if (Timestamps.filterable(day)) {
                    return day;
                }
            } catch (DateTimeParseException e) {
                // refused below, without the value
            }
            throw InvalidInputException.parameter(n, RULE);
        });
    }
}
