package com.intelia.expert.directory;

import java.util.Map;
import java.util.TreeMap;

/** How many profiles each plan has ("none" for profiles without one), or why the directory could not say. */
public record PlanCounts(boolean available, Map<String, Long> users, String reason) {

    public static final String NO_PLAN = "none";

    public static PlanCounts of(Map<String, Long> users) {
        return new PlanCounts(true, Map.copyOf(new TreeMap<>(users)), null);
    }

    public static PlanCounts unavailable(String reason) {
        return new PlanCounts(false, Map.of(), reason);
    }
}
