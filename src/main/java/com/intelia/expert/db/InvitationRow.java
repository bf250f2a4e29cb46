package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An invitations row. */
public record InvitationRow(UUID id, UUID inviterUserId, String invitedEmail, String invitedName, String status,
                            OffsetDateTime expiresAt, OffsetDateTime acceptedAt, UUID acceptedUserId) {
}
