package com.intelia.expert.core;

import jakarta.ws.rs.ClientErrorException;

/** 401: the token of an invitation link (or of its session) is not valid, has expired or was already used. */
public class InvitationLinkException extends ClientErrorException {

    public InvitationLinkException(String message) {
        super(message, 401);
    }
}
