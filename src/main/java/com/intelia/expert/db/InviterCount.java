package com.intelia.expert.db;

import java.util.UUID;

/** One inviter's invitations: sent and accepted, with the e-mail recorded on their invitations (if any). */
public record InviterCount(UUID inviterUserId, String inviterEmail, long sent, long accepted) {
}
