package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A bound of a period filter: a whole UTC day ({@code 2025-10-31}) or an instant in any form {@link Timestamps}
 * reads, between {@link Timestamps#FIRST_FILTER_DAY} and {@link Timestamps#LAST_FILTER_DAY}. 400 otherwise.
 */
@Schema(type = "string", example = "2025-10-31",
        description = "a whole UTC day (2025-10-31) or a timestamp (2025-10-31T22:10:34Z; without an offset it is UTC)")
public final class DateOrTimestampParam extends Param<DateOrTimestampParam.Bound> {

    public static final String RULE = "must be a date (2025-10-31) or a timestamp (2025-10-31T22:10:34Z; without an"
            + " offset it is UTC), between " + Timestamps.FIRST_FILTER_DAY + " and " + Timestamps.LAST_FILTER_DAY;

    /** Exactly one of day and instant is set. */
    public record Bound(LocalDate day, OffsetDateTime instant) {
    }

    public DateOrTimestampParam(String input, String name) {
        super(input, name, (text, n) -> {
            try {
                if (text.length() == 10) {
                    LocalDate day = Timestamps.parseDate(text);
                    if (Timestamps.filterable(day)) {
                        return new Bound(day, null);
                    }
                } else {
                    OffsetDateTime at = Timestamps.parseTimestamp(text);
                    if (Timestamps.filterable(at.toLocalDate())) {
                        return new Bound(null, at);
                    }
                }
            } catch (DateTimeParseException e) {
                // refused below, without the value
            }
            throw InvalidInputException.parameter(n, RULE);
        });
    }
}
