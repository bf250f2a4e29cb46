package com.intelia.expert.postgres;

import com.intelia.expert.support.TestStreamingReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read node's replication lag on a real streaming standby of a primary, probed every second as the service probes
 * it: after a quiet period the lag of a paused standby is the time since the first write it has not replayed, not the
 * age of the last transaction it replayed (which counts the quiet minutes too).
 */
class ReplicaLagTest {

    private static TestStreamingReplica replication;

    @BeforeAll
    static void start() throws SQLException {
        replication = TestStreamingReplica.start();
        try (Connection connection = replication.primary().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE lag_probe (at timestamptz NOT NULL DEFAULT now())");
        }
        replication.awaitReplayed();
    }

    @AfterAll
    static void stop() throws IOException {
        if (replication != null) {
            replication.close();
        }
    }

    @Test
    void afterAQuietPeriodAPausedStandbyIsBehindByTheTimeSinceTheWriteItHasNotReplayed() throws Exception {
        try (ReplicaProbe probe = probe(ReplicaLagTest::primaryPosition)) {
            write();
            replication.awaitReplayed();
            for (int second = 0; second < 5; second++) { // quiet: no transaction on the primary
                assertThat(probe.check().standby().lagSeconds()).as("caught up").isLessThan(0.5);
                Thread.sleep(1000);
            }
            replication.pauseReplay();
            write();
            Thread.sleep(1000);

            double lag = probe.check().standby().lagSeconds();
            double standbysOwn = standbysOwnFigure();

            assertThat(standbysOwn).as("the age of the last replayed transaction: the quiet period too")
                    .isGreaterThan(5);
            assertThat(lag).as("the time since the write it has not replayed, to a probe interval")
                    .isBetween(1.0, 3.0);

            replication.resumeReplay();
            replication.awaitReplayed();
            assertThat(probe.check().standby().lagSeconds()).as("caught up again").isLessThan(0.5);
        } finally {
            replication.resumeReplay();
        }
    }

    @Test
    void aPrimaryThatDoesNotAnswerLeavesTheStandbysOwnFigure() throws Exception {
        try (ReplicaProbe probe = probe(() -> {
            throw new SQLException("the primary is down", "08006");
        })) {
            replication.pauseReplay();
            write();
            Thread.sleep(1500);

            ReplicaProbe.Check check = probe.check();

            assertThat(check.reachable()).isTrue();
            assertThat(check.standby().lagSeconds()).isEqualTo(standbysOwnFigure(), org.assertj.core.data.Offset
                    .offset(0.5)).isGreaterThanOrEqualTo(1.5);
        } finally {
            replication.resumeReplay();
            replication.awaitReplayed();
        }
    }

    private static ReplicaProbe probe(ReplicaProbe.PrimaryPosition primary) {
        return new ReplicaProbe(() -> replication.standby().getConnection(), Duration.ofSeconds(5), primary,
                Duration.ofMillis(500));
    }

    private static long primaryPosition() throws SQLException {
        try (Connection connection = replication.primary().getConnection()) {
            return ReplicaFacts.primaryPosition(connection, 5);
        }
    }

    private static void write() throws SQLException {
        try (Connection connection = replication.primary().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO lag_probe DEFAULT VALUES");
        }
    }

    /** The lag as the standby tells it on its own (the age of the last transaction it replayed). */
    private static double standbysOwnFigure() throws SQLException {
        try (Connection connection = replication.standby().getConnection()) {
            return ReplicaFacts.read(connection, 5).lagSeconds();
        }
    }
}
