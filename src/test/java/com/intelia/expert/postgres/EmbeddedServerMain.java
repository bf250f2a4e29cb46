package com.intelia.expert.postgres;

import java.nio.file.Path;
import java.time.Duration;

/** Starts the embedded PostgreSQL in a process of its own, so that a test can kill that process uncleanly. */
public final class EmbeddedServerMain {

    private EmbeddedServerMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]), Duration.ofSeconds(30));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
