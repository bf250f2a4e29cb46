package com.intelia.expert.core;

import com.intelia.expert.api.InvitationRequest;
import com.intelia.expert.api.InvitationResponse;
import com.intelia.expert.db.JdbiInvitationStore;
import com.intelia.expert.support.TestDatabase;
import jakarta.ws.rs.WebApplicationException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invitation lifecycle against a real PostgreSQL. */
class InvitationServiceTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
    private static final byte[] KEY = "test-secret-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
    private final InvitationService invitations = new InvitationService(new JdbiInvitationStore(JDBI), KEY,
            Duration.ofDays(7), Clock.systemUTC());

    private final Caller inviter = new Caller(UUID.randomUUID(), "alice@example.com", false);
    private final Caller invitee = new Caller(UUID.randomUUID(), "bob@example.com", false);

    private static int status(Throwable e) {
        return ((WebApplicationException) e).getResponse().getStatus();
    }

    @Test
    void anInvitationIsCreatedWithATokenStoredOnlyAsAHash() {
        InvitationResponse created = invitations.invite(new InvitationRequest("Bob@Example.com", "Bob"), inviter);

        assertThat(created.status()).isEqualTo("pending");
        assertThat(created.token()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(created.inviterUserId()).isEqualTo(inviter.userId());
        String stored = (String) DATABASE.value("SELECT token_hash FROM invitations WHERE id = '" + created.invitationId() + "'");
        assertThat(stored).isNotEqualTo(created.token()).hasSize(64).isEqualTo(invitations.hash(created.token()));
        assertThat(DATABASE.value("SELECT count(*) FROM invitations WHERE token_hash = '" + created.token() + "'")).isEqualTo(0L);
    }

    @Test
    void reInvitingAPendingAddressReturnsTheExistingInvitation() {
        InvitationResponse first = invitations.invite(new InvitationRequest("carol@example.com", null), inviter);
        InvitationResponse second = invitations.invite(new InvitationRequest("CAROL@example.com ", null), inviter);

        assertThat(second.invitationId()).isEqualTo(first.invitationId());
        assertThat(second.alreadyInvited()).isTrue();
        assertThat(second.token()).isNull();
        assertThat(DATABASE.value("SELECT count(*) FROM invitations WHERE lower(invited_email) = 'carol@example.com'")).isEqualTo(1L);
    }

    @Test
    void anInvitationIsAcceptedOnceOnly() {
        InvitationResponse created = invitations.invite(new InvitationRequest("dave@example.com", null), inviter);

        InvitationResponse accepted = invitations.accept(created.token(), invitee);

        assertThat(accepted.status()).isEqualTo("accepted");
        assertThat(accepted.acceptedAt()).isNotNull();
        assertThat(DATABASE.value("SELECT accepted_user_id FROM invitations WHERE id = '" + created.invitationId() + "'"))
                .isEqualTo(invitee.userId());
        assertThatThrownBy(() -> invitations.accept(created.token(), invitee))
                .satisfies(e -> assertThat(status(e)).isEqualTo(409)).hasMessageContaining("already accepted");
    }

    @Test
    void anExpiredInvitationIsRefusedAndCanBeRenewed() {
        InvitationResponse created = invitations.invite(new InvitationRequest("erin@example.com", null), inviter);
        DATABASE.execute("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = '" + created.invitationId() + "'");

        assertThatThrownBy(() -> invitations.accept(created.token(), invitee))
                .satisfies(e -> assertThat(status(e)).isEqualTo(410)).hasMessageContaining("expired");
        InvitationResponse renewed = invitations.invite(new InvitationRequest("erin@example.com", null), inviter);
        assertThat(renewed.invitationId()).isNotEqualTo(created.invitationId());
        assertThat(renewed.token()).isNotNull();
    }

    @Test
    void anUnknownTokenIs404() {
        assertThatThrownBy(() -> invitations.accept("not-a-real-token", invitee))
                .satisfies(e -> assertThat(status(e)).isEqualTo(404)).hasMessageContaining("not valid");
    }
}
