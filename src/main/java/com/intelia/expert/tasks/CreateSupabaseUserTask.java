package com.intelia.expert.tasks;

import com.intelia.expert.core.AccountCreator;

import java.util.Map;

/**
 * {@code POST /tasks/create-supabase-user?id=&email=&first_name=&last_name=}: the guide's option B, in Supabase
 * or, without SUPABASE_URL, in the local directory.
 */
public class CreateSupabaseUserTask implements AdminTask {

    private final AccountCreator creator;

    public CreateSupabaseUserTask(AccountCreator creator) {
        this.creator = creator;
    }

    @Override
    public String name() {
        return "create-supabase-user";
    }

    @Override
    public Object run(Map<String, String> parameters) {
        return creator.create(TaskParameters.uuid(parameters, "id"), parameters.get("email"),
                parameters.get("first_name"), parameters.get("last_name"));
    }
}
