package com.intelia.expert.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Option B without SUPABASE_URL (development): create-supabase-user writes the local directory, never over a profile. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CreateLocalUserTaskTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", DATABASE.configOverrides());

    private final UUID orphan = UUID.randomUUID();

    private static Response task(String name, String query) {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/" + name + "?" + query)
                .request().post(Entity.text(""));
    }

    private static JsonNode json(Response response, int status) {
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(response.getStatus()).as(body.toString()).isEqualTo(status);
        return body;
    }

    private static List<Map<String, Object>> profiles(String where) {
        return DATABASE.rows("SELECT id, email, first_name, last_name, user_type FROM local_user_profiles WHERE " + where);
    }

    @Test
    void anOrphanGetsALocalProfileWithItsOwnUuidAndStopsBeingAnOrphan() {
        DATABASE.execute("INSERT INTO conversations (session_id, user_id, question, response)"
                + " VALUES ('s', '" + orphan + "', 'Q', 'A')");
        String email = orphan.toString().substring(0, 8) + "@ferme.fr";
        assertThat(json(task("user-id-audit", ""), 200).get("orphan_count").asInt())
                .as("the audit has seen (and cached) the orphan").isEqualTo(1);

        JsonNode body = json(task("create-supabase-user", "id=" + orphan + "&email=" + email
                + "&first_name=Marie&last_name=Dupont"), 200);

        assertThat(body.get("id").asText()).isEqualTo(orphan.toString());
        assertThat(body.get("directory").asText()).isEqualTo("local");
        assertThat(body.get("profile").asText()).isEqualTo("created");
        assertThat(profiles("id = '" + orphan + "'")).containsExactly(Map.of("id", orphan, "email", email,
                "first_name", "Marie", "last_name", "Dupont", "user_type", "user"));
        JsonNode audit = json(task("user-id-audit", ""), 200);
        assertThat(audit.get("orphan_count").asInt()).isZero();
    }

    @Test
    void anIdThatAlreadyHasAProfileIsRefusedAndKept() {
        json(task("create-supabase-user", "id=" + orphan + "&email=first-" + orphan + "@ferme.fr"), 200);

        JsonNode body = json(task("create-supabase-user", "id=" + orphan + "&email=second-" + orphan + "@ferme.fr"), 409);

        assertThat(body.get("message").asText()).isEqualTo("user " + orphan + " already has a profile in the local directory");
        assertThat(profiles("id = '" + orphan + "'")).singleElement()
                .satisfies(row -> assertThat(row.get("email")).isEqualTo("first-" + orphan + "@ferme.fr"));
    }

    @Test
    void anEmailThatAlreadyHasAProfileIsRefusedWithOptionA() {
        String email = "taken-" + orphan + "@ferme.fr";
        UUID owner = UUID.randomUUID();
        json(task("create-supabase-user", "id=" + owner + "&email=" + email), 200);

        JsonNode body = json(task("create-supabase-user", "id=" + orphan + "&email=" + email.toUpperCase()), 409);

        assertThat(body.get("message").asText()).contains("already belongs to profile " + owner)
                .contains("fix-user-id (option A)");
        assertThat(profiles("id = '" + orphan + "'")).isEmpty();
    }

    @Test
    void aMalformedIdOrEmailIsRefusedByName() {
        assertThat(json(task("create-supabase-user", "id=not-a-uuid&email=a@ferme.fr"), 400).get("message").asText())
                .startsWith("id must be a UUID");
        assertThat(json(task("create-supabase-user", "id=" + orphan + "&email=nobody"), 400).get("message").asText())
                .isEqualTo("email must be an e-mail address such as name@example.com");
        assertThat(profiles("id = '" + orphan + "'")).isEmpty();
    }

    @Test
    void valuesLongerThanTheLocalProfileColumnsAreRefusedWithTheLimit() {
        String email = "email=" + orphan.toString().substring(0, 8) + "@ferme.fr";
        assertThat(json(task("create-supabase-user", "id=" + orphan + "&" + email + "&first_name=" + "M".repeat(101)),
                400).get("message").asText()).isEqualTo("first_name must be at most 100 characters");
        assertThat(json(task("create-supabase-user", "id=" + orphan + "&" + email + "&last_name=" + "D".repeat(101)),
                400).get("message").asText()).isEqualTo("last_name must be at most 100 characters");
        assertThat(json(task("create-supabase-user", "id=" + orphan + "&" + email + "&first_name=Ma%00rie"),
                400).get("message").asText()).isEqualTo("first_name contains U+0000, which PostgreSQL cannot store");
        assertThat(json(task("create-supabase-user", "id=" + orphan + "&email=" + "m".repeat(250) + "@ferme.fr"),
                400).get("message").asText()).isEqualTo("email must be at most 255 characters");
        assertThat(profiles("id = '" + orphan + "'")).isEmpty();

        json(task("create-supabase-user", "id=" + orphan + "&" + email + "&first_name="
                + "M".repeat(100) + "&last_name=" + "D".repeat(100)), 200);
        assertThat(profiles("id = '" + orphan + "'")).singleElement()
                .satisfies(row -> assertThat((String) row.get("first_name")).hasSize(100));
    }
}
