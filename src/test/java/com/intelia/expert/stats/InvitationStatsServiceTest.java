package com.intelia.expert.stats;

import com.intelia.expert.db.ReadDatabase;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.api.InvitationStats;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.directory.UserDirectory;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static com.intelia.expert.support.SupabaseStub.users;
import static com.intelia.expert.support.SupabaseStub.usersRequested;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invitation statistics on a small known data set, inviters named from the local directory in the same real
 * PostgreSQL, or from a Supabase stub over HTTP when Supabase itself fails.
 */
class InvitationStatsServiceTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = SupabaseStub.server();

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID BOB = UUID.fromString("b0b00000-0000-4000-8000-000000000002");
    private static final UUID ORPHAN = UUID.fromString("843d440a-0000-4000-8000-000000000003");
    private static final UUID CAROL = UUID.fromString("d0d00000-0000-4000-8000-000000000004");
    private static final String UUID_PATTERN = ".*[0-9a-f]{8}-[0-9a-f]{4}-.*";
    private static final InvitationStatsService SERVICE = new InvitationStatsService(ReadDatabase.of(JDBI),
            Services.localDirectory(JDBI), CLOCK);

    private final Client client = ClientBuilder.newClient();

    @AfterEach
    void closeClient() {
        client.close();
    }

    @BeforeAll
    static void invitations() {
        LocalUserDirectory profiles = Services.localDirectory(JDBI);
        profiles.save(new Profile(ALICE, "alice@example.com", "Alice", "Martin", "user", "pro"));
        profiles.save(new Profile(BOB, "bob@example.com", "Bob", "Durand", "user", "free"));
        profiles.save(new Profile(CAROL, "carol@example.com", "Carol", "Petit", "user", "pro"));
        DATABASE.execute("""
                INSERT INTO invitations (inviter_user_id, inviter_email, invited_email, status, created_at, expires_at,
                                         accepted_at)
                VALUES ('%1$s', '', 'a1@example.com', 'accepted', '2025-11-01', '2025-11-08', '2025-11-02'),
                       ('%1$s', '', 'a2@example.com', 'accepted', '2025-11-01', '2025-11-08', '2025-11-03'),
                       ('%1$s', '', 'a3@example.com', 'pending', '2025-11-18', '2025-11-25', NULL),
                       ('%1$s', '', 'a4@example.com', 'expired', '2025-10-01', '2025-10-08', NULL),
                       ('%2$s', '', 'b1@example.com', 'accepted', '2025-09-01', '2025-09-08', '2025-09-02'),
                       ('%2$s', '', 'b2@example.com', 'pending', '2025-09-01', '2025-09-08', NULL),
                       ('%3$s', 'old-address@example.com', 'c1@example.com', 'pending', '2025-11-19', '2025-11-26', NULL),
                       ('%4$s', '', 'd1@example.com', 'accepted', '2025-08-01', '2025-08-08', '2025-08-02')
                """.formatted(ALICE, BOB, ORPHAN, CAROL));
    }

    private InvitationStatsService overSupabase() {
        UserDirectory supabase = SupabaseStub.factory(SUPABASE.baseUrl()).buildSupabaseDirectory(client, CLOCK);
        return new InvitationStatsService(ReadDatabase.of(JDBI), supabase, CLOCK);
    }

    @Test
    void globalFiguresCountSentAcceptedPendingAndInviters() {
        InvitationStats.Global global = SERVICE.global();

        assertThat(global.totalInvitations()).isEqualTo(8);
        assertThat(global.totalAccepted()).isEqualTo(4);
        assertThat(global.totalPending()).as("bob's pending invitation expired on 2025-09-08").isEqualTo(2);
        assertThat(global.globalAcceptanceRate()).isEqualTo(50.0);
        assertThat(global.uniqueInviters()).isEqualTo(4);
        assertThat(global.activeInviters()).as("invited since 2025-10-21").isEqualTo(2);

        assertThat(global.topInvitersBySent()).extracting(InvitationStats.Inviter::inviterEmail).containsExactly(
                "alice@example.com", "bob@example.com", "carol@example.com", "old-address@example.com");
        assertThat(global.topInvitersBySent()).extracting(InvitationStats.Inviter::inviterName).containsExactly(
                "Alice Martin", "Bob Durand", "Carol Petit", "Unknown user (843d440a)");
        assertThat(global.topInvitersBySent()).extracting(InvitationStats.Inviter::profileStatus)
                .containsExactly("found", "found", "found", "missing");
        InvitationStats.Inviter alice = global.topInvitersBySent().get(0);
        assertThat(alice.invitationsSent()).isEqualTo(4);
        assertThat(alice.invitationsAccepted()).isEqualTo(2);
        assertThat(alice.acceptanceRate()).isEqualTo(50.0);
        InvitationStats.Inviter orphan = global.topInvitersBySent().get(3);
        assertThat(orphan.inviterUserId()).isEqualTo(ORPHAN);
        assertThat(orphan.inviterName()).doesNotMatch(UUID_PATTERN);

        assertThat(global.topInvitersByAccepted()).extracting(InvitationStats.Inviter::invitationsAccepted)
                .containsExactly(2L, 1L, 1L);
        assertThat(global.topInvitersByAccepted().get(2).acceptanceRate()).isEqualTo(100.0);
    }

    @Test
    void whenSupabaseRejectsTheKeyEveryInviterShowsTheUnavailableLabelFromOneRequest() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.invalidApiKey()));

        InvitationStats.Global global = overSupabase().global();

        assertThat(global.totalInvitations()).as("figures do not depend on the directory").isEqualTo(8);
        assertThat(global.topInvitersBySent()).extracting(InvitationStats.Inviter::inviterName).containsExactly(
                "Profile unavailable (a11ce000)", "Profile unavailable (b0b00000)", "Profile unavailable (d0d00000)",
                "Profile unavailable (843d440a)");
        assertThat(global.topInvitersBySent()).extracting(InvitationStats.Inviter::inviterEmail)
                .as("the e-mail recorded on the invitation is still shown when there is one")
                .containsExactly("Profile unavailable (a11ce000)", "Profile unavailable (b0b00000)",
                        "Profile unavailable (d0d00000)", "old-address@example.com");
        assertThat(global.topInvitersBySent()).extracting(InvitationStats.Inviter::profileStatus)
                .containsOnly("unavailable");
        assertThat(global.topInvitersByAccepted()).extracting(InvitationStats.Inviter::inviterName)
                .allSatisfy(name -> assertThat(name).startsWith("Profile unavailable (").doesNotMatch(UUID_PATTERN));
        assertThat(global.topInvitersBySent().get(0).invitationsSent()).isEqualTo(4);
        assertThat(SUPABASE.findAll(usersRequested())).as("both top lists are named from one batched request")
                .hasSize(1);
    }

    @Test
    void theFastShapeCarriesTheSameFigures() {
        InvitationStats.Fast fast = SERVICE.fast();

        assertThat(fast.invitationStats().totalInvitationsSent()).isEqualTo(8);
        assertThat(fast.invitationStats().totalInvitationsAccepted()).isEqualTo(4);
        assertThat(fast.invitationStats().acceptanceRate()).isEqualTo(50.0);
        assertThat(fast.invitationStats().uniqueInviters()).isEqualTo(4);
        assertThat(fast.invitationStats().topInviters()).hasSize(4);
        assertThat(fast.invitationStats().topAccepted()).hasSize(3);
        assertThat(fast.cacheInfo().isAvailable()).isFalse();
    }
}
