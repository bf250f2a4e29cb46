package com.intelia.expert.cli;

import com.intelia.expert.core.DemoData;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** seed-demo on an empty database: named users, 90 days of conversations, feedback, invitations, one orphan. */
class SeedDemoCommandTest {

    private final TestDatabase database = TestDatabase.empty();

    private CliRunner.Result seed(String environment) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("ENVIRONMENT", environment);
        return CliRunner.run(env, "seed-demo", "config.yml");
    }

    @Test
    void anEmptyDatabaseGetsAFullDemoOnceAndTheRollupsAgree() {
        CliRunner.Result first = seed("development");
        CliRunner.Result second = seed("development");

        assertThat(first.success()).as(first.output()).isTrue();
        assertThat(first.stdout()).contains("Demo data written");
        assertThat(second.stdout()).contains("already present");
        assertThat(database.value("SELECT count(*) FROM local_user_profiles")).isEqualTo(10L);
        assertThat(database.value("SELECT user_type FROM local_user_profiles WHERE id = '" + DemoData.ADMIN + "'"))
                .isEqualTo("super_admin");
        long conversations = (Long) database.value("SELECT count(*) FROM conversations");
        assertThat(conversations).isBetween(90L * 15, 90L * 45 + 12);
        assertThat(database.value("SELECT count(DISTINCT created_at::date) FROM conversations")).isEqualTo(90L);
        assertThat(database.value("SELECT count(*) FROM conversations WHERE created_at > now()")).isEqualTo(0L);
        assertThat(database.value("SELECT count(DISTINCT updated_at::date) FROM conversations WHERE feedback IS NULL"))
                .as("the history groups chats by their last update: the demo's spread over its 90 days").isEqualTo(90L);
        assertThat(database.value("SELECT count(DISTINCT response_source) FROM conversations")).isEqualTo(4L);
        assertThat((Long) database.value("SELECT count(*) FROM feedback")).isBetween(conversations / 12, conversations / 5);
        assertThat(database.value("SELECT count(*) FROM invitations WHERE status = 'accepted'")).isNotEqualTo(0L);
        assertThat(database.value("SELECT count(*) FROM conversations WHERE user_id = '" + DemoData.ORPHAN + "'"))
                .isEqualTo(12L);
        assertThat(database.value("SELECT count(*) FROM stats_daily_user_live d LEFT JOIN local_user_profiles p"
                + " ON p.id = d.user_id WHERE p.id IS NULL AND d.questions > 0")).as("only the orphan has no profile")
                .isNotEqualTo(0L);
        assertThat(((Number) database.value("SELECT sum(questions) FROM stats_daily_live")).longValue()).isEqualTo(conversations);
    }

    @Test
    void productionIsRefused() {
        CliRunner.Result result = seed("production");

        assertThat(result.success()).isFalse();
        assertThat(database.value("SELECT count(*) FROM pg_tables WHERE tablename = 'conversations'")).isEqualTo(0L);
    }
}
