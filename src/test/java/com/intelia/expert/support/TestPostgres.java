package com.intelia.expert.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one embedded PostgreSQL of the test run, started on first use and stopped when the JVM exits. */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("the test PostgreSQL did not start", e);
            }
        }
        return server;
    }
}
