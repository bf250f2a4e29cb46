package com.intelia.expert.resources.params;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The timestamp forms clients send (JavaScript's toISOString, Python's isoformat, RFC 3339) and their bounds. */
class TimestampsTest {

    @Test
    void everyClientFormMeansTheSameInstant() {
        OffsetDateTime expected = OffsetDateTime.parse("2025-10-10T22:10:34.123Z");
        for (String form : List.of("2025-10-10T22:10:34.123Z", "2025-10-10T22:10:34.123", "2025-10-10T22:10:34.123000",
                "2025-10-10 22:10:34.123Z", "2025-10-10 22:10:34.123", "2025-10-10t22:10:34.123z",
                "2025-10-10T22:10:34.123+00:00", "2025-10-11T00:10:34.123+02:00", "2025-10-11T00:10:34.123+0200",
                "2025-10-11T00:10:34.123+02")) {
            assertThat(Timestamps.parseTimestamp(form).toInstant()).as(form).isEqualTo(expected.toInstant());
        }
        assertThat(Timestamps.parseTimestamp("2025-10-10T22:10:34.123456").toInstant())
                .isEqualTo(Instant.parse("2025-10-10T22:10:34.123456Z"));
    }

    @Test
    void otherFormsAreNotTimestamps() {
        for (String bad : List.of("2025-10-10", "2025-10-10T", "10/10/2025 22:10", "2025-10-10T22:10:34.123Zjunk",
                "+12025-10-10T22:10:34Z", "2025-02-30T00:00:00Z", "1728598234")) {
            assertThatThrownBy(() -> Timestamps.parseTimestamp(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void aRecordedTimeIsNotBeforeTheServiceNorMoreThanADayAhead() {
        Instant now = Instant.parse("2025-11-20T12:00:00Z");
        assertThat(Timestamps.plausiblyRecorded(OffsetDateTime.parse("2025-11-21T11:59:59Z"), now)).isTrue();
        assertThat(Timestamps.plausiblyRecorded(OffsetDateTime.parse("2020-01-01T00:00:00Z"), now)).isTrue();
        assertThat(Timestamps.plausiblyRecorded(OffsetDateTime.parse("2025-11-21T12:00:01Z"), now)).isFalse();
        assertThat(Timestamps.plausiblyRecorded(OffsetDateTime.parse("2019-12-31T23:59:59Z"), now)).isFalse();
    }
}
