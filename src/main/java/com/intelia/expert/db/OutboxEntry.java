package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An invitation_outbox row; metadata is the JSON text of the invited account's metadata; completedAt null until the profile is completed. */
public record OutboxEntry(UUID id, UUID invitedUserId, String invitedEmail, String metadata, OffsetDateTime createdAt,
                          OffsetDateTime completedAt) {
}
