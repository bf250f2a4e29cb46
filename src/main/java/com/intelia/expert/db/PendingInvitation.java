package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Who invited an address and when: inviterUserId is null for rows the original backend recorded by e-mail only. */
public record PendingInvitation(UUID inviterUserId, String inviterEmail, String inviterName, OffsetDateTime createdAt) {
}
