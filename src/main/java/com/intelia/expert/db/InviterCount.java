package com.intelia.expert.db;

import java.util.UUID;

/**
 * One inviter's invitations: sent and accepted, with the e-mail and name recorded on their invitations (if any).
 * {@code inviterUserId} is null for an inviter the original backend knew by e-mail only.
 */
public record InviterCount(UUID inviterUserId, String inviterKey, String inviterEmail, String inviterName, long sent,
                           long accepted) {
}
