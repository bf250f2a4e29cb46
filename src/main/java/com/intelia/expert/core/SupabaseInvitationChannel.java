package com.intelia.expert.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.directory.SupabaseAuthInvites;
import com.intelia.expert.directory.SupabaseAuthInvites.Answer;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Invitations through Supabase Auth: its invite e-mail, its verification of the person's token, its admin update of
 * the account, and the public.users profile. Supabase's refusals become outcomes or clear 4xx/5xx answers; its
 * messages are not passed on (they may carry the address).
 */
public class SupabaseInvitationChannel implements InvitationChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SupabaseInvitationChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** PostgREST's codes for a column public.users lacks (42703 from PostgreSQL, PGRST204 from its schema cache). */
    private static final java.util.Set<String> UNKNOWN_COLUMN = java.util.Set.of("42703", "PGRST204");

    private final SupabaseAuthInvites supabase;
    private final String acceptancePage;

    /** acceptancePage: where the e-mail's link leads (the frontend's /auth/invitation). */
    public SupabaseInvitationChannel(SupabaseAuthInvites supabase, String acceptancePage) {
        this.supabase = supabase;
        this.acceptancePage = acceptancePage;
    }

    @Override
    public Delivery deliver(Invite invite) {
        Answer answer = supabase.invite(invite.email(), invite.metadata(), acceptancePage);
        if (answer.ok()) {
            return new Delivery(Outcome.SENT, uuid(SupabaseAuthInvites.text(answer.body(), "id")), null, null, null);
        }
        String code = answer.code() == null ? "http_" + answer.status() : answer.code();
        if ("email_exists".equals(code) || "user_already_exists".equals(code)) {
            return registered(invite.email());
        }
        if (answer.status() == 429 || code.startsWith("over_")) {
            return Delivery.of(Outcome.RATE_LIMITED, code);
        }
        if (answer.status() == SupabaseAuthInvites.NO_ANSWER || answer.status() >= 500) {
            LOG.warn("Supabase gave no invitation answer: {}", code);
            return Delivery.of(Outcome.NO_ANSWER, code);
        }
        LOG.warn("Supabase refused an invitation: HTTP {} {}", answer.status(), code);
        return Delivery.of(Outcome.REFUSED, code);
    }

    /** The confirmed account of the address, for the dialog's "already registered since". */
    private Delivery registered(String email) {
        Answer found = supabase.findUsers(email);
        if (found.ok() && found.body() != null) {
            for (JsonNode user : found.body().path("users")) {
                if (email.equalsIgnoreCase(SupabaseAuthInvites.text(user, "email"))) {
                    return new Delivery(Outcome.ALREADY_REGISTERED, uuid(SupabaseAuthInvites.text(user, "id")),
                            SupabaseAuthInvites.text(user, "created_at"),
                            SupabaseAuthInvites.text(user, "last_sign_in_at"), "email_exists");
                }
            }
        }
        return new Delivery(Outcome.ALREADY_REGISTERED, null, null, null, "email_exists");
    }

    @Override
    public InvitedUser invitedUser(String token) {
        Answer answer = supabase.userOfToken(token);
        if (answer.ok() && answer.body() != null) {
            return user(answer.body());
        }
        if (answer.status() == 401 || answer.status() == 403 || answer.status() == 400 || answer.status() == 404) {
            throw new InvitationLinkException("the invitation link is not valid or has expired; ask for a new invitation");
        }
        throw unavailable(answer, "checking the invitation link");
    }

    @Override
    public Session exchange(String linkToken) {
        Answer answer = supabase.verifyInvite(linkToken);
        if (answer.ok() && answer.body() != null && answer.body().hasNonNull("access_token")) {
            JsonNode body = answer.body();
            return new Session(body.get("access_token").asText(), SupabaseAuthInvites.text(body, "refresh_token"),
                    body.path("expires_in").asLong(3600), "bearer", user(body.path("user")));
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            throw new InvitationLinkException("the invitation link is not valid, has expired or was already used;"
                    + " ask for a new invitation");
        }
        throw unavailable(answer, "exchanging the invitation link");
    }

    @Override
    public void completeProfile(InvitedUser user, CompletedProfile profile) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        put(metadata, "first_name", profile.firstName());
        put(metadata, "last_name", profile.lastName());
        put(metadata, "full_name", profile.fullName());
        put(metadata, "country", profile.country());
        put(metadata, "company_name", profile.companyName());
        put(metadata, "company_website", profile.companyWebsite());
        metadata.put("profile_completed", true);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("password", profile.password());
        changes.put("email_confirm", true);
        changes.put("user_metadata", metadata);
        Answer updated = supabase.updateUser(user.id(), changes);
        if (updated.status() == 422) {
            // GoTrue: weak_password, or a password shorter than the project's minimum
            throw new jakarta.ws.rs.ClientErrorException("Supabase refused the password ("
                    + (updated.code() == null ? "422" : updated.code()) + "): choose a longer or stronger one", 422);
        }
        if (!updated.ok()) {
            throw failure(updated, "setting the password");
        }
        writeProfile(user, profile);
        LOG.info("Invited user {} completed the profile", user.id());
    }

    /** public.users: inserted when missing (user_type user), else its names, country and company updated. */
    private void writeProfile(InvitedUser user, CompletedProfile profile) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", user.email());
        fields.put("first_name", profile.firstName());
        fields.put("last_name", profile.lastName());
        put(fields, "full_name", profile.fullName());
        put(fields, "country", profile.country());
        put(fields, "company_name", profile.companyName());
        put(fields, "language", profile.language());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", user.id().toString());
        row.putAll(fields);
        row.put("user_type", "user");
        Answer inserted = supabase.insertProfile(row);
        if (unknownColumn(inserted)) {
            row.keySet().retainAll(java.util.List.of("id", "email", "first_name", "last_name", "user_type"));
            fields.keySet().retainAll(java.util.List.of("email", "first_name", "last_name"));
            inserted = supabase.insertProfile(row);
        }
        if (inserted.ok()) {
            return;
        }
        if (inserted.status() != 409) {
            throw failure(inserted, "writing the profile");
        }
        // the row exists (a trigger on auth.users, or an earlier attempt): its user_type is left as it is
        Answer patched = supabase.updateProfile(user.id(), fields);
        if (!patched.ok()) {
            throw failure(patched, "updating the profile");
        }
    }

    private static boolean unknownColumn(Answer answer) {
        return answer.status() == 400 && answer.code() != null && UNKNOWN_COLUMN.contains(answer.code());
    }

    private static InvitedUser user(JsonNode user) {
        UUID id = uuid(SupabaseAuthInvites.text(user, "id"));
        String email = SupabaseAuthInvites.text(user, "email");
        if (id == null || email == null) {
            throw new InvitationLinkException("the invitation link does not name an invited account");
        }
        JsonNode metadata = user.path("user_metadata");
        Map<String, Object> values = metadata.isObject()
                ? JSON.convertValue(metadata, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class))
                : Map.of();
        boolean completed = metadata.path("profile_completed").asBoolean(false);
        return new InvitedUser(id, email.toLowerCase(Locale.ROOT), completed, values);
    }

    private static ServiceUnavailableException unavailable(Answer answer, String step) {
        LOG.warn("Supabase could not be asked when {}: HTTP {} {}", step, answer.status(), answer.code());
        return new ServiceUnavailableException("Supabase cannot be reached for " + step + " now; try again", 5L);
    }

    private static WebApplicationException failure(Answer answer, String step) {
        if (answer.status() == SupabaseAuthInvites.NO_ANSWER || answer.status() >= 500) {
            return unavailable(answer, step);
        }
        LOG.warn("Supabase refused {}: HTTP {} {}", step, answer.status(), answer.code());
        return new WebApplicationException("Supabase refused " + step + " (HTTP " + answer.status()
                + (answer.code() == null ? "" : " " + answer.code()) + ")", 502);
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
