package com.intelia.expert.tasks;

import com.intelia.expert.stats.RollupRefresher;

import java.util.Map;

/** {@code POST /tasks/refresh-stats}: rebuilds the rollups from the raw rows and reports the drift found. */
public class RefreshStatsTask implements AdminTask<RollupRefresher.Report> {

    private final RollupRefresher refresher;

    public RefreshStatsTask(RollupRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public String name() {
        return "refresh-stats";
    }

    @Override
    public RollupRefresher.Report run(Map<String, String> parameters) {
        return refresher.refresh();
    }
}
