package com.intelia.expert.tasks;

import com.intelia.expert.directory.CachingUserDirectory;
import com.intelia.expert.stats.DashboardService;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /tasks/clear-caches}: forgets the cached dashboards and user profiles, so that a change made by
 * hand (a profile's user_type, a repaired row) shows at once instead of after the caches' time-to-live.
 */
public class ClearCachesTask implements AdminTask {

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
    public Object run(Map<String, String> parameters) {
        Map<String, Object> cleared = new LinkedHashMap<>();
        cleared.put("dashboards", dashboard.clearCache());
        cleared.put("profiles", directory.size());
        directory.invalidateAll();
        return Map.of("cleared", cleared);
    }
}
