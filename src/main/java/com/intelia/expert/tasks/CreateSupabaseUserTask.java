package com.intelia.expert.tasks;

import com.intelia.expert.core.CreatedAccount;
import com.intelia.expert.core.AccountCreator;
import com.intelia.expert.directory.CachingUserDirectory;
import com.intelia.expert.resources.params.EmailParam;
import com.intelia.expert.resources.params.NameParam;
import com.intelia.expert.resources.params.UuidParam;

import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /tasks/create-supabase-user?id=&email=&first_name=&last_name=}: the guide's option B, in Supabase
 * or, without SUPABASE_URL, in the local directory. id a UUID, email an address of at most 255 characters, the
 * names at most 100 characters each (optional): 400 naming the parameter otherwise.
 */
public class CreateSupabaseUserTask implements AdminTask<CreatedAccount> {

    private final AccountCreator creator;
    private final CachingUserDirectory profiles;

    public CreateSupabaseUserTask(AccountCreator creator, CachingUserDirectory profiles) {
        this.creator = creator;
        this.profiles = profiles;
    }

    @Override
    public String name() {
        return "create-supabase-user";
    }

    @Override
    public CreatedAccount run(Map<String, String> parameters) {
        UUID id = new UuidParam(parameters.get("id"), "id").required("the orphan's user_id, " + UuidParam.EXAMPLE);
        String email = new EmailParam(parameters.get("email"), "email").required("the new account's e-mail address");
        String firstName = new NameParam(parameters.get("first_name"), "first_name").get();
        String lastName = new NameParam(parameters.get("last_name"), "last_name").get();
        CreatedAccount created = creator.create(id, email, firstName, lastName);
        profiles.invalidate(id); // a cached "missing" would hide the new profile for a while
        return created;
    }
}
