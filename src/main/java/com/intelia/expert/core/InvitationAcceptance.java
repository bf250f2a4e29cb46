package com.intelia.expert.core;

import com.intelia.expert.api.CompleteProfileRequest;
import com.intelia.expert.api.CompleteProfileResponse;
import com.intelia.expert.api.InvitationSession;
import com.intelia.expert.api.InvitationTokenCheck;
import com.intelia.expert.db.InvitationAcceptanceStore;
import com.intelia.expert.db.PendingInvitation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The acceptance pages, called by a person who has no session yet: each call proves who they are with the token of
 * the invitation link (or of the session traded for it), checked by the channel itself; the body's e-mail is never
 * trusted. Completing the profile twice changes nothing the second time.
 */
public class InvitationAcceptance {

    /** Where the frontend goes once the profile is complete. */
    static final String REDIRECT = "/chat";
    /** The shortest password an invited account may set, in characters (shorter: 422 from the resource). */
    public static final int MIN_PASSWORD = 8;

    private static final Logger LOG = LoggerFactory.getLogger(InvitationAcceptance.class);

    private final InvitationAcceptanceStore store;
    private final InvitationChannel channel;

    public InvitationAcceptance(InvitationAcceptanceStore store, InvitationChannel channel) {
        this.store = store;
        this.channel = channel;
    }

    /**
     * Who was invited, and by whom.
     *
     * @throws InvitationLinkException 401 for a token that is not valid or has expired
     * @throws jakarta.ws.rs.ServiceUnavailableException 503 when it cannot be checked now
     */
    public InvitationTokenCheck validate(String token) {
        InvitationChannel.InvitedUser user = channel.invitedUser(token.strip());
        Optional<PendingInvitation> invitation = store.newestTo(user.email());
        Map<String, Object> metadata = user.metadata();
        String inviterName = text(metadata.get("inviter_name"));
        if (inviterName == null) {
            inviterName = invitation.map(PendingInvitation::inviterName).filter(name -> !name.isBlank()).orElse(null);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("personal_message", text(metadata.get("personal_message")));
        data.put("language", text(metadata.get("language")) == null ? "fr" : text(metadata.get("language")));
        data.put("invitation_date", text(metadata.get("invitation_date")) != null ? text(metadata.get("invitation_date"))
                : invitation.map(row -> row.createdAt().toInstant().toString()).orElse(null));
        data.put("invited_by", text(metadata.get("invited_by")));
        return new InvitationTokenCheck(true, true, "The invitation is valid", user.email(), user.id(), inviterName,
                user.completed(), data);
    }

    /**
     * The session for a link's one-time token.
     *
     * @throws InvitationLinkException 401 for a token that is not valid, expired or already used
     */
    public InvitationSession exchange(String token) {
        InvitationChannel.Session session = channel.exchange(token.strip());
        LOG.info("Invited user {} exchanged the link for a session", session.user().id());
        return new InvitationSession(true, session.accessToken(), session.refreshToken(), session.expiresIn(),
                session.tokenType(), session.user().email(), session.user().id());
    }

    /**
     * Sets the password and profile and marks the invitation accepted; a second call with the same token answers
     * the same and changes nothing. The request has passed the input layer (a password of at least
     * {@link #MIN_PASSWORD} characters, see resources/InvitationAcceptanceResource).
     *
     * @throws InvitationLinkException 401 for a token that is not valid or has expired
     */
    public CompleteProfileResponse complete(CompleteProfileRequest request) {
        InvitationChannel.InvitedUser user = channel.invitedUser(request.accessToken().strip());
        boolean already = user.completed();
        if (!already) {
            String language = text(user.metadata().get("language"));
            channel.completeProfile(user, new InvitationChannel.CompletedProfile(request.password(),
                    request.firstName().strip(), request.lastName().strip(), fullName(request),
                    request.country().strip(), blankToNull(request.companyName()),
                    blankToNull(request.companyWebsite()), language));
        }
        Optional<UUID> accepted = store.acceptNewestPendingTo(user.email(), user.id());
        accepted.ifPresent(id -> LOG.info("Invitation {} accepted by user {}", id, user.id()));
        return new CompleteProfileResponse(true, already ? "The profile was already completed; nothing changed"
                : "Profile completed", REDIRECT, user.id(), already);
    }

    private static String fullName(CompleteProfileRequest request) {
        String given = blankToNull(request.fullName());
        return given != null ? given : request.firstName().strip() + " " + request.lastName().strip();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
