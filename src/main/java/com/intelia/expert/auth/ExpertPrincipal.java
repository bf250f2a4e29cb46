package com.intelia.expert.auth;

import com.intelia.expert.core.Caller;

import java.security.Principal;
import java.util.UUID;

/** The signed-in user of a request: the token's sub and e-mail, and whether they are an admin. */
public record ExpertPrincipal(UUID userId, String email, boolean admin) implements Principal {

    @Override
    public String getName() {
        return userId.toString();
    }

    public Caller caller() {
        return new Caller(userId, email, admin);
    }
}
