package com.intelia.expert.stats;

/** Computes the dashboard's figures for a period: from the rollups, or naively from the raw rows. */
public interface DashboardFiguresSource {

    int TOP_USERS = 10;
    int BREAKDOWN_MONTHS = 6;

    DashboardFigures compute(DashboardRange range);
}
