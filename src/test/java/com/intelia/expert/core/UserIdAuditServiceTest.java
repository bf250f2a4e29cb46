package com.intelia.expert.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.db.EmailClaimDao;
import com.intelia.expert.db.JdbiOrphanAuditReads;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The orphan audit on a real database with the local directory: counts, dates and the suggested option. */
class UserIdAuditServiceTest {

    private final TestDatabase database = TestDatabase.migrated();
    private final Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
    private final LocalUserDirectory directory = Services.localDirectory(jdbi);
    private final UserIdAuditService audit = new UserIdAuditService(new JdbiOrphanAuditReads(jdbi), directory);

    private void conversations(UUID user, int count) {
        database.execute("INSERT INTO conversations (session_id, user_id, question, response, created_at)"
                + " SELECT 's' || g, '" + user + "', 'Q', 'A', timestamptz '2025-10-01 08:00Z' + g * interval '1 day'"
                + " FROM generate_series(1, " + count + ") g");
    }

    private static UserIdAuditReport.Orphan orphan(UserIdAuditReport report, UUID id) {
        return report.orphans().stream().filter(o -> o.userId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void orphansAreListedWithFiguresAndTheOptionTheirSignInsPointTo() {
        UUID known = UUID.randomUUID();
        UUID renamed = UUID.randomUUID();
        UUID newcomer = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID profileOfRenamed = UUID.randomUUID();
        directory.save(new Profile(known, "known@example.com", "K", "N", "user", null));
        directory.save(new Profile(profileOfRenamed, "renamed@example.com", "R", "N", "user", null));
        conversations(known, 2);
        conversations(renamed, 3);
        conversations(newcomer, 1);
        conversations(stranger, 4);
        jdbi.useExtension(EmailClaimDao.class, dao -> {
            dao.record(renamed, "Renamed@example.com");
            dao.record(newcomer, "new@example.com");
        });

        UserIdAuditReport report = audit.audit();

        assertThat(report.status()).isEqualTo("complete");
        assertThat(report.usersChecked()).isEqualTo(4);
        assertThat(report.orphanCount()).isEqualTo(3);
        UserIdAuditReport.Orphan a = orphan(report, renamed);
        assertThat(a.conversations()).isEqualTo(3L);
        assertThat(a.firstAt()).isEqualTo("2025-10-02T08:00:00Z");
        assertThat(a.lastAt()).isEqualTo("2025-10-04T08:00:00Z");
        assertThat(a.suggestion().option()).isEqualTo("A");
        assertThat(a.suggestion().call()).contains("from=" + renamed + "&to=" + profileOfRenamed);
        UserIdAuditReport.Suggestion optionB = orphan(report, newcomer).suggestion();
        assertThat(optionB.option()).isEqualTo("B");
        assertThat(optionB.call()).contains("id=" + newcomer + "&email=new@example.com");
        assertThat(orphan(report, stranger).suggestion().option()).isEqualTo("A or B");
        JsonNode json = new ObjectMapper().valueToTree(report);
        assertThat(json.toString()).doesNotContain(known.toString());
        assertThat(json.has("unavailable_count")).as("only when the directory could not answer").isFalse();
        assertThat(json.at("/orphans/0").fieldNames()).toIterable().containsExactly("user_id", "conversations",
                "first_at", "last_at", "emails_seen", "suggestion");
    }

    @Test
    void whenTheDirectoryCannotAnswerNobodyIsCalledAnOrphan() {
        conversations(UUID.randomUUID(), 2);
        database.execute("ALTER TABLE local_user_profiles RENAME TO local_user_profiles_gone");

        UserIdAuditReport report = audit.audit();

        assertThat(report.status()).isEqualTo("unavailable");
        assertThat(report.orphanCount()).isEqualTo(0);
        assertThat(report.unavailableCount()).isEqualTo(1);
        assertThat(report.unavailableReason()).contains("not counted as orphans");
    }

    @Test
    void aDatabaseWithoutConversationsHasNoOrphans() {
        assertThat(audit.audit()).extracting(UserIdAuditReport::orphanCount, UserIdAuditReport::status)
                .containsExactly(0, "complete");
    }
}
