package com.intelia.expert.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.db.InvitationOutboxStore;
import com.intelia.expert.db.OutboxEntry;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Invitations without SUPABASE_URL (development), so that a newcomer can try the invite dialog and the acceptance
 * pages on one machine: each invitation goes to the invitation_outbox table, and one INFO line gives its id, the
 * invited account's id and the acceptance link (never the address). The link's token is the invited person's proof
 * for validate-token and complete-profile, and exchange-token answers it back as the session's access token, valid
 * for limits.invitationValidity. Completing the profile creates it in the local user directory; there is no
 * password to set without Supabase.
 */
public class LocalInvitationChannel implements InvitationChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInvitationChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InvitationOutboxStore outbox;
    private final LocalUserDirectory directory;
    private final TokenHmac tokens;
    private final String acceptancePage;
    private final Duration validity;
    private final Clock clock;

    public LocalInvitationChannel(InvitationOutboxStore outbox, LocalUserDirectory directory, TokenHmac tokens,
                                  String acceptancePage, Duration validity, Clock clock) {
        this.outbox = outbox;
        this.directory = directory;
        this.tokens = tokens;
        this.acceptancePage = acceptancePage;
        this.validity = validity;
        this.clock = clock;
    }

    @Override
    public Delivery deliver(Invite invite) {
        Optional<OffsetDateTime> registered = outbox.profileCreatedAt(invite.email());
        if (registered.isPresent()) {
            return new Delivery(Outcome.ALREADY_REGISTERED, null, iso(registered.get()), null, "email_exists");
        }
        String token = tokens.newToken();
        InvitationOutboxStore.Queued written = outbox.queue(invite.email(), tokens.hash(token),
                json(invite.metadata()));
        LOG.info("Local outbox: invitation {} for invited user {} (no SUPABASE_URL, no e-mail sent); accept at {}",
                written.outboxId(), written.invitedUserId(), acceptancePage + "?token=" + token + "&type=invite");
        return new Delivery(Outcome.SENT, written.invitedUserId(), null, null, null);
    }

    @Override
    public InvitedUser invitedUser(String token) {
        OutboxEntry entry = outbox.byTokenHash(tokens.hash(token)).orElseThrow(() -> new InvitationLinkException(
                "the invitation link is not valid or has expired; ask for a new invitation"));
        if (!entry.createdAt().plus(validity).isAfter(OffsetDateTime.now(clock))) {
            throw new InvitationLinkException("the invitation link is not valid or has expired; ask for a new invitation");
        }
        return new InvitedUser(entry.invitedUserId(), entry.invitedEmail(), entry.completedAt() != null,
                metadata(entry.metadata()));
    }

    /** Locally the link's token is itself the session: validate-token and complete-profile take it. */
    @Override
    public Session exchange(String linkToken) {
        InvitedUser user = invitedUser(linkToken);
        return new Session(linkToken, null, validity.toSeconds(), "local", user);
    }

    @Override
    public void completeProfile(InvitedUser user, CompletedProfile profile) {
        try {
            directory.save(new Profile(user.id(), user.email(), profile.firstName(), profile.lastName(), "user", null));
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new jakarta.ws.rs.ClientErrorException("another local profile already has this e-mail address",
                        409);
            }
            throw e;
        }
        outbox.markCompleted(user.id());
        LOG.info("Invited user {} completed the profile (local directory)", user.id());
    }

    private static String json(Map<String, Object> metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invitation metadata cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> metadata(String json) {
        try {
            return JSON.readValue(json, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String iso(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
