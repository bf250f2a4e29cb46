package com.intelia.expert.resources.params;

import com.intelia.expert.stats.DashboardRange;
import io.swagger.v3.oas.annotations.media.Schema;

/** A named dashboard period: day, week, month or year (to date). 400 otherwise. */
@Schema(type = "string", allowableValues = {"day", "week", "month", "year"},
        description = "a named period, to date")
public final class RangeParam extends ChoiceParam<DashboardRange.Period> {

    public RangeParam(String input, String name) {
        super(input, name, DashboardRange.Period.class);
    }
}
