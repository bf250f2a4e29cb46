package com.intelia.expert.core;

import jakarta.ws.rs.ForbiddenException;

import java.util.UUID;

/** Who is asking: the signed-in user's id and e-mail, and whether they are an admin. */
public record Caller(UUID userId, String email, boolean admin) {

    public void requireSelfOrAdmin(UUID owner, String refusal) {
        if (!admin && !userId.equals(owner)) {
            throw new ForbiddenException(refusal);
        }
    }
}
