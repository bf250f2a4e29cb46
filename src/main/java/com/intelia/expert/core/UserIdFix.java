package com.intelia.expert.core;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * What fix-user-id answers (UserIdRepairService.fix): a {@link Preview} without apply, an {@link Applied} repair
 * with apply. Profile statuses are {@code found}, {@code missing} or {@code unavailable} (DESIGN.md, "Unknown
 * users"); counts are rows of {@code conversations} and {@code feedback}.
 */
public sealed interface UserIdFix permits UserIdFix.Preview, UserIdFix.Applied {

    /**
     * The dry run: how many rows would move, the ratings both users gave to one conversation (which would refuse the
     * move), a few of the rows, and why applying would be refused (null when it would not).
     */
    record Preview(
            @JsonProperty("from") UUID from,
            @JsonProperty("to") UUID to,
            @JsonProperty("from_profile_status") String fromProfileStatus,
            @JsonProperty("to_profile_status") String toProfileStatus,
            @JsonProperty("dry_run") boolean dryRun,
            @JsonProperty("conversations") long conversations,
            @JsonProperty("feedback") long feedback,
            @JsonProperty("feedback_conflicts") long feedbackConflicts,
            @JsonProperty("sample") List<SampleRow> sample,
            @JsonProperty("would_refuse") String wouldRefuse) implements UserIdFix {
    }

    /** One conversation that would move: its id, when it was saved (ISO-8601, UTC) and its question. */
    record SampleRow(@JsonProperty("id") UUID id, @JsonProperty("created_at") String createdAt,
                     @JsonProperty("question") String question) {
    }

    /** The repair done, in one transaction: its id (for undo-user-id-fix), the rows moved, and the undo call. */
    record Applied(
            @JsonProperty("from") UUID from,
            @JsonProperty("to") UUID to,
            @JsonProperty("from_profile_status") String fromProfileStatus,
            @JsonProperty("to_profile_status") String toProfileStatus,
            @JsonProperty("dry_run") boolean dryRun,
            @JsonProperty("repair_id") UUID repairId,
            @JsonProperty("conversations_moved") int conversationsMoved,
            @JsonProperty("feedback_moved") int feedbackMoved,
            @JsonProperty("undo") String undo) implements UserIdFix {
    }
}
