package com.intelia.expert.tasks;

import com.intelia.expert.directory.CachingUserDirectory;
import com.intelia.expert.stats.DashboardService;

import java.util.Map;

/**
 * {@code POST /tasks/clear-caches}: forgets the cached dashboards and user profiles, so that a change made by
 * hand (a profile's user_type, a repaired row) shows at once instead of after the caches' time-to-live.
 */
public class ClearCachesTask implements AdminTask<ClearCachesTask.Cleared> {

    /** What was forgotten: {@code dashboards} cached dashboard answers and {@code profiles} cached user profiles. */
    public record Cleared(Counts cleared) {
    }

    /** Entries dropped from each cache. */
    public record Counts(long dashboards, long profiles) {
    }

    private final DashboardService dashboard;
    private final CachingUserDirectory directory;

    public ClearCachesTask(DashboardService dashboard, CachingUserDirectory directory) {
        this.dashboard = dashboard;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "clear-caches";
    }

    @Override
    public Cleared run(Map<String, String> parameters) {
        Counts cleared = new Counts(dashboard.clearCache(), directory.size());
        directory.invalidateAll();
        return new Cleared(cleared);
    }
}
