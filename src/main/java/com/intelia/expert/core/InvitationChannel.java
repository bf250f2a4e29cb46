package com.intelia.expert.core;

import java.util.Map;
import java.util.UUID;

/**
 * Where invitations go and how an invited person proves who they are: Supabase Auth in production
 * ({@link SupabaseInvitationChannel}), the local outbox without SUPABASE_URL ({@link LocalInvitationChannel}). The
 * invite dialog and the acceptance pages work the same over either.
 */
public interface InvitationChannel {

    /** What became of one address. */
    enum Outcome { SENT, ALREADY_REGISTERED, RATE_LIMITED, REFUSED, NO_ANSWER }

    /**
     * One invitation to deliver. metadata: what the invited person's account carries (language, inviter, personal
     * message, invitation date), read back by validate-token.
     */
    record Invite(String email, Map<String, Object> metadata) {
    }

    /**
     * The result of one delivery. invitedUserId: the account the invitation created (SENT). registeredSince and
     * lastLogin: ISO-8601 instants of an existing account (ALREADY_REGISTERED; lastLogin null when never signed in).
     * code: the refusal's error code (e.g. over_email_send_rate_limit, timeout) or null.
     */
    record Delivery(Outcome outcome, UUID invitedUserId, String registeredSince, String lastLogin, String code) {
        static Delivery of(Outcome outcome, String code) {
            return new Delivery(outcome, null, null, null, code);
        }
    }

    /**
     * The person behind an invitation token, as the channel itself verified it: id, address, whether the profile
     * was already completed, and the invitation metadata of their account.
     */
    record InvitedUser(UUID id, String email, boolean completed, Map<String, Object> metadata) {
    }

    /** A session traded for a link's one-time token. expiresIn in seconds. */
    record Session(String accessToken, String refreshToken, long expiresIn, String tokenType, InvitedUser user) {
    }

    /** What complete-profile sets: the password and the profile's fields (optional ones may be null). */
    record CompletedProfile(String password, String firstName, String lastName, String fullName, String country,
                            String companyName, String companyWebsite, String language) {
    }

    /** Sends the invitation e-mail (or, locally, writes it to the outbox). Never throws for Supabase's answers. */
    Delivery deliver(Invite invite);

    /**
     * The invited person of a token from the link or a session.
     *
     * @throws InvitationLinkException when the token is not valid or has expired (401)
     * @throws jakarta.ws.rs.ServiceUnavailableException when it cannot be checked now (503)
     */
    InvitedUser invitedUser(String token);

    /**
     * Trades a link's one-time token for a session.
     *
     * @throws InvitationLinkException when it is not valid, expired or already used (401)
     * @throws jakarta.ws.rs.ServiceUnavailableException when it cannot be checked now (503)
     */
    Session exchange(String linkToken);

    /**
     * Sets the password and the account's metadata, and writes the profile. Safe to repeat.
     *
     * @throws jakarta.ws.rs.WebApplicationException 502/503 when Supabase refuses or cannot be reached
     */
    void completeProfile(InvitedUser user, CompletedProfile profile);
}
