package com.intelia.expert.core;

import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.directory.ProfileLookup;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Option B without Supabase (development): the profile goes to local_user_profiles with the orphan's UUID, so the
 * repair can be tried on one machine. It never replaces a profile: an id or e-mail already present is refused.
 */
public class LocalAccountCreator implements AccountCreator {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAccountCreator.class);

    private final LocalUserDirectory directory;

    public LocalAccountCreator(LocalUserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CreatedAccount create(UUID id, String email, String firstName, String lastName) {
        String address = email;
        ProfileLookup byId = directory.lookup(id);
        ProfileLookup byEmail = directory.lookupByEmail(address);
        if (byId.status() == ProfileLookup.Status.UNAVAILABLE || byEmail.status() == ProfileLookup.Status.UNAVAILABLE) {
            throw new WebApplicationException("the local directory cannot be read; check the postgresql health", 503);
        }
        if (byId.status() == ProfileLookup.Status.FOUND) {
            throw new ClientErrorException("user " + id + " already has a profile in the local directory", 409);
        }
        if (byEmail.status() == ProfileLookup.Status.FOUND) {
            throw new ClientErrorException("this e-mail already belongs to profile " + byEmail.profile().id()
                    + "; use fix-user-id (option A) to move the conversations to that user instead", 409);
        }
        directory.save(new Profile(id, address, blankToNull(firstName), blankToNull(lastName), "user", null));
        LOG.info("Created local profile {} (option B, no Supabase)", id);
        return CreatedAccount.inLocalDirectory(id, address);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
