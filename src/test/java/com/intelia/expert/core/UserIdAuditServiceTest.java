package com.intelia.expert.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.db.EmailClaimDao;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The orphan audit on a real database with the local directory: counts, dates and the suggested option. */
class UserIdAuditServiceTest {

    private final TestDatabase database = TestDatabase.migrated();
    private final Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
    private final LocalUserDirectory directory = new LocalUserDirectory(jdbi);
    private final UserIdAuditService audit = new UserIdAuditService(jdbi, directory);

    private void conversations(UUID user, int count) {
        database.execute("INSERT INTO conversations (session_id, user_id, question, response, created_at)"
                + " SELECT 's' || g, '" + user + "', 'Q', 'A', timestamptz '2025-10-01 08:00Z' + g * interval '1 day'"
                + " FROM generate_series(1, " + count + ") g");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> orphan(Map<String, Object> report, UUID id) {
        return ((List<Map<String, Object>>) report.get("orphans")).stream()
                .filter(o -> o.get("user_id").equals(id)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
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

        Map<String, Object> report = audit.audit();

        assertThat(report.get("status")).isEqualTo("complete");
        assertThat(report.get("users_checked")).isEqualTo(4);
        assertThat(report.get("orphan_count")).isEqualTo(3);
        Map<String, Object> a = orphan(report, renamed);
        assertThat(a.get("conversations")).isEqualTo(3L);
        assertThat(a.get("first_at")).isEqualTo("2025-10-02T08:00:00Z");
        assertThat(a.get("last_at")).isEqualTo("2025-10-04T08:00:00Z");
        Map<String, Object> optionA = (Map<String, Object>) a.get("suggestion");
        assertThat(optionA.get("option")).isEqualTo("A");
        assertThat((String) optionA.get("call")).contains("from=" + renamed + "&to=" + profileOfRenamed);
        Map<String, Object> optionB = (Map<String, Object>) orphan(report, newcomer).get("suggestion");
        assertThat(optionB.get("option")).isEqualTo("B");
        assertThat((String) optionB.get("call")).contains("id=" + newcomer + "&email=new@example.com");
        assertThat(((Map<String, Object>) orphan(report, stranger).get("suggestion")).get("option")).isEqualTo("A or B");
        assertThat(new ObjectMapper().valueToTree(report).toString()).doesNotContain(known.toString());
    }

    @Test
    void whenTheDirectoryCannotAnswerNobodyIsCalledAnOrphan() {
        conversations(UUID.randomUUID(), 2);
        database.execute("ALTER TABLE local_user_profiles RENAME TO local_user_profiles_gone");

        Map<String, Object> report = audit.audit();

        assertThat(report.get("status")).isEqualTo("unavailable");
        assertThat(report.get("orphan_count")).isEqualTo(0);
        assertThat(report.get("unavailable_count")).isEqualTo(1);
        assertThat((String) report.get("unavailable_reason")).contains("not counted as orphans");
    }

    @Test
    void aDatabaseWithoutConversationsHasNoOrphans() {
        assertThat(audit.audit()).containsEntry("orphan_count", 0).containsEntry("status", "complete");
    }
}
