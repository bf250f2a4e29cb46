package com.intelia.expert.http;

import com.intelia.expert.support.TestDatabase;

/**
 * One migrated database for the tests of this package: they need the application to start, not rows of their own,
 * and each database the suite creates is one more to delete when its PostgreSQL stops.
 */
final class EdgeDatabase {

    static final TestDatabase DATABASE = TestDatabase.migrated();

    private EdgeDatabase() {
    }
}
