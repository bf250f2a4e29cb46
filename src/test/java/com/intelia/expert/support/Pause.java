package com.intelia.expert.support;

import java.io.IOException;
import java.net.ServerSocket;

/** What the suite's process helpers (PgBouncer, the streaming replica) share: a free local port, a short pause. */
public final class Pause {

    private Pause() {
    }

    /** A TCP port nothing listens on now (the OS's choice), for a server the test is about to start. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sleeps {@code millis} ms; an interrupt ends it early and stays set. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
