package com.intelia.expert.resources.params;

import com.intelia.expert.stats.DashboardRange;

/** A named dashboard period: day, week, month or year (to date). 400 otherwise. */
public final class RangeParam extends ChoiceParam<DashboardRange.Period> {

    public RangeParam(String input, String name) {
        super(input, name, DashboardRange.Period.class);
    }
}
