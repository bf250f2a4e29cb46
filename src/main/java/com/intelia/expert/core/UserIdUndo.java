package com.intelia.expert.core;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * What undo-user-id-fix answers (UserIdRepairService.undo): a {@link Preview} of the rows the repair recorded, or
 * the {@link Applied} undo, which moved exactly those rows back to the repair's {@code from} user.
 */
public sealed interface UserIdUndo permits UserIdUndo.Preview, UserIdUndo.Applied {

    /** The dry run: the rows of conversations and feedback the repair moved, which undo would move back. */
    record Preview(
            @JsonProperty("repair_id") UUID repairId,
            @JsonProperty("from") UUID from,
            @JsonProperty("to") UUID to,
            @JsonProperty("dry_run") boolean dryRun,
            @JsonProperty("conversations") long conversations,
            @JsonProperty("feedback") long feedback) implements UserIdUndo {
    }

    /** The undo done, in one transaction: the rows moved back. */
    record Applied(
            @JsonProperty("repair_id") UUID repairId,
            @JsonProperty("from") UUID from,
            @JsonProperty("to") UUID to,
            @JsonProperty("dry_run") boolean dryRun,
            @JsonProperty("conversations_restored") int conversationsRestored,
            @JsonProperty("feedback_restored") int feedbackRestored) implements UserIdUndo {
    }
}
