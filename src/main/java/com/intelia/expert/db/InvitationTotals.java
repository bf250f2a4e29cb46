package com.intelia.expert.db;

/** Invitation figures over the whole table; pending means not yet accepted and not expired. */
public record InvitationTotals(long total, long accepted, long pending, long uniqueInviters, long activeInviters) {
}
