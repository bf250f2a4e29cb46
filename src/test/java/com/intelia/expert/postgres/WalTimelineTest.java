package com.intelia.expert.postgres;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WalTimelineTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aStandbyIsAsFarBehindAsTheLastTimeThePrimaryWasAtOrBeforeItsReplayPosition() {
        WalTimeline timeline = new WalTimeline();
        timeline.add(0, 100);
        timeline.add(5 * SECOND, 100); // quiet: the primary has not moved
        timeline.add(10 * SECOND, 180);
        timeline.add(15 * SECOND, 260);

        assertThat(timeline.secondsSinceReached(100, 16 * SECOND)).hasValue(11.0);
        assertThat(timeline.secondsSinceReached(200, 16 * SECOND)).as("past the third, not the fourth").hasValue(6.0);
        assertThat(timeline.secondsSinceReached(260, 16 * SECOND)).hasValue(1.0);
        assertThat(timeline.secondsSinceReached(99, 16 * SECOND)).as("behind every sample kept").isEmpty();
    }

    @Test
    void samplesOlderThanTenMinutesAreForgotten() {
        WalTimeline timeline = new WalTimeline();
        timeline.add(0, 100);
        timeline.add(601 * SECOND, 200);

        assertThat(timeline.secondsSinceReached(150, 602 * SECOND)).isEmpty();
        assertThat(timeline.secondsSinceReached(200, 602 * SECOND)).hasValue(1.0);
    }
}
