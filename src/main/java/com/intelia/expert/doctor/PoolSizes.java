package com.intelia.expert.doctor;

/**
 * doctor's count of the connections N instances open on a PostgreSQL server: each its pool and one connection of its
 * own for its probe, plus two for a migration running meanwhile (db migrate, the pre-deploy job, holds its advisory
 * lock on one connection and Liquibase's session on another; doctor needs one); and the largest pool that fits a
 * server's usable connections (max_connections less the reserved slots).
 */
final class PoolSizes {

    private PoolSizes() {
    }

    /** Connections at most: (poolSize + 1 probe) x instances + 2. */
    static int count(int poolSize, int instances) {
        return (poolSize + 1) * instances + 2;
    }

    /** The largest pool size whose {@link #count} is within usable; 0 or less when even a pool of 1 does not fit. */
    static int largestFitting(int usable, int instances) {
        return (usable - 2) / instances - 1;
    }
}
