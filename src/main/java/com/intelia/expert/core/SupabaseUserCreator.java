package com.intelia.expert.core;

import com.intelia.expert.directory.SupabaseAuthAdmin;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The guide's option B: give an orphan user_id a real account. Creates the Supabase auth user with that
 * same UUID, then its profile, and says plainly what Supabase refused.
 */
public class SupabaseUserCreator implements AccountCreator {

    private static final Logger LOG = LoggerFactory.getLogger(SupabaseUserCreator.class);

    private final SupabaseAuthAdmin supabase;

    public SupabaseUserCreator(SupabaseAuthAdmin supabase) {
        this.supabase = supabase;
    }

    @Override
    public CreatedAccount create(UUID id, String email, String firstName, String lastName) {
        String address = email;
        SupabaseAuthAdmin.Outcome existing = supabase.findAuthUser(id);
        if (existing.ok()) {
            throw new ClientErrorException("an auth user with id " + id + " already exists in Supabase", 409);
        }
        if (existing.status() != 404) {
            throw refusal(existing, "looking up the auth user");
        }
        SupabaseAuthAdmin.Outcome auth = supabase.createAuthUser(id, address, firstName, lastName);
        if (!auth.ok()) {
            throw refusal(auth, "creating the auth user");
        }
        SupabaseAuthAdmin.Outcome profile = supabase.createProfile(id, address, firstName, lastName);
        String profileState;
        if (profile.ok()) {
            profileState = "created";
        } else if (profile.status() == 409) {
            profileState = "already existed";
        } else {
            throw new WebApplicationException("the auth user " + id + " was created but its profile was not: "
                    + describe(profile) + ". Insert the public.users row by hand or rerun after fixing", 502);
        }
        LOG.info("Created Supabase user {} (option B)", id);
        return CreatedAccount.inSupabase(id, address, profileState);
    }

    private static WebApplicationException refusal(SupabaseAuthAdmin.Outcome outcome, String step) {
        String code = outcome.code() == null ? "" : outcome.code();
        if (code.equals("email_exists") || outcome.status() == 422 && code.isEmpty()) {
            return new ClientErrorException("this e-mail is already registered in Supabase; use fix-user-id"
                    + " (option A) to move the conversations to that user instead", 409);
        }
        if (code.equals("not_admin") || outcome.status() == 403) {
            return new WebApplicationException("Supabase refused " + step + ": SUPABASE_SERVICE_KEY is not a"
                    + " service role key", 502);
        }
        if (outcome.status() == 401) {
            return new WebApplicationException("Supabase refused " + step + ": the service key was rejected"
                    + " (check SUPABASE_SERVICE_KEY)", 502);
        }
        return new WebApplicationException("Supabase failed " + step + ": " + describe(outcome), 502);
    }

    private static String describe(SupabaseAuthAdmin.Outcome outcome) {
        return outcome.status() == 0 ? outcome.message()
                : "HTTP " + outcome.status() + (outcome.code() == null ? "" : " " + outcome.code())
                + (outcome.message() == null ? "" : " (" + outcome.message() + ")");
    }
}
