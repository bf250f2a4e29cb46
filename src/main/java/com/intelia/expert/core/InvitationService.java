package com.intelia.expert.core;

import com.intelia.expert.api.InvitationRequest;
import com.intelia.expert.api.InvitationResponse;
import com.intelia.expert.db.InvitationRow;
import com.intelia.expert.db.InvitationStore;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Invitations by signed-in users. The random token travels only in the answer to its creation; the
 * database keeps an HMAC of it keyed with SECRET_KEY, so a leaked table cannot be used to accept.
 */
public class InvitationService {

    /** 403 to an anonymous sign-in (is_anonymous): an invitation needs a sender and a recipient who can sign in again. */
    static final String ANONYMOUS_CANNOT_INVITE = "anonymous sessions cannot send invitations: sign in with an account";
    static final String ANONYMOUS_CANNOT_ACCEPT = "anonymous sessions cannot accept invitations: sign in with the invited"
            + " account";

    private static final Logger LOG = LoggerFactory.getLogger(InvitationService.class);

    private final InvitationStore store;
    private final TokenHmac tokens;
    private final Duration validity;
    private final Clock clock;

    /** Tokens keyed with {@code secretKey} (SECRET_KEY's bytes); an invitation is valid for {@code validity}. */
    public InvitationService(InvitationStore store, byte[] secretKey, Duration validity, Clock clock) {
        this.store = store;
        this.tokens = new TokenHmac(secretKey);
        this.validity = validity;
        this.clock = clock;
    }

    /** Invites the checked address on behalf of the caller; an invitation already pending is answered as it is. */
    public InvitationResponse invite(InvitationRequest request, Caller caller) {
        caller.requireAccount(ANONYMOUS_CANNOT_INVITE);
        String email = request.invitedEmail().trim();
        String token = newToken();
        OffsetDateTime expires = OffsetDateTime.now(clock).plus(validity);
        InvitationStore.Pending pending = store.invite(caller.userId(), caller.email(), email, request.invitedName(),
                hash(token), expires)
                .orElseThrow(() -> new ClientErrorException("invitation is being changed; try again", 409));
        if (pending.created()) {
            LOG.info("Invitation {} created by user {}", pending.invitation().id(), caller.userId());
            return response(pending.invitation(), token, false);
        }
        return response(pending.invitation(), null, true);
    }

    /**
     * Accepts the invitation of a token (from the link). Unknown token: NotFoundException (404); already accepted:
     * 409; expired or cancelled: 410.
     */
    public InvitationResponse accept(String token, Caller caller) {
        caller.requireAccount(ANONYMOUS_CANNOT_ACCEPT);
        String given = token.trim();
        InvitationRow accepted = store.accept(hash(given), plainHash(given), caller.userId(),
                this::refuseUnlessPending).orElseThrow(() -> new NotFoundException("invitation token is not valid"));
        LOG.info("Invitation {} accepted by user {}", accepted.id(), caller.userId());
        return response(accepted, null, null);
    }

    /** Refuses an invitation accepted already (409), cancelled or otherwise not pending (410), or expired (410). */
    private void refuseUnlessPending(InvitationRow row) {
        if ("accepted".equals(row.status())) {
            throw new ClientErrorException("this invitation was already accepted", 409);
        }
        if (!"pending".equals(row.status())) {
            throw new ClientErrorException("this invitation is " + row.status(), 410);
        }
        // the original backend allowed invitations without an expiry date; they do not expire
        if (row.expiresAt() != null && !row.expiresAt().isAfter(OffsetDateTime.now(clock))) {
            throw new ClientErrorException("this invitation expired on " + iso(row.expiresAt())
                    + "; ask for a new one", 410);
        }
    }

    private String newToken() {
        return tokens.newToken();
    }

    String hash(String token) {
        return tokens.hash(token);
    }

    /** SHA-256 (hex) of a token adopted from the original backend (migrations.xml, 2025-12-invitations-hash-legacy-tokens). */
    static String plainHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static InvitationResponse response(InvitationRow row, String token, Boolean alreadyInvited) {
        return new InvitationResponse(row.id(), row.status(), row.invitedEmail(), row.invitedName(),
                row.inviterUserId(), iso(row.expiresAt()), iso(row.acceptedAt()), token, alreadyInvited);
    }

    private static String iso(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
