package com.intelia.expert.tasks;

import com.intelia.expert.directory.CachingUserDirectory;
import java.util.UUID;

import com.intelia.expert.core.AccountCreator;

import java.util.Map;

/**
 * {@code POST /tasks/create-supabase-user?id=&email=&first_name=&last_name=}: the guide's option B, in Supabase
 * or, without SUPABASE_URL, in the local directory.
 */
public class CreateSupabaseUserTask implements AdminTask {

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
    public Object run(Map<String, String> parameters) {
        UUID id = TaskParameters.uuid(parameters, "id");
        Object created = creator.create(id, parameters.get("email"), parameters.get("first_name"),
                parameters.get("last_name"));
        profiles.invalidate(id); // a cached "missing" would hide the new profile for a while
        return created;
    }
}
