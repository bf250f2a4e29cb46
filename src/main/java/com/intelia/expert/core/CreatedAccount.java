package com.intelia.expert.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * What create-supabase-user answers (AccountCreator.create): the id and address of the account made for an orphan
 * user_id. In Supabase: auth_user {@code created} and profile {@code created} or {@code already existed}; without
 * Supabase: directory {@code local} and profile {@code created}.
 */
public record CreatedAccount(
        @JsonProperty("id") UUID id,
        @JsonProperty("email") String email,
        @JsonProperty("auth_user") @JsonInclude(JsonInclude.Include.NON_NULL) String authUser,
        @JsonProperty("directory") @JsonInclude(JsonInclude.Include.NON_NULL) String directory,
        @JsonProperty("profile") String profile) {

    static CreatedAccount inSupabase(UUID id, String email, String profile) {
        return new CreatedAccount(id, email, "created", null, profile);
    }

    static CreatedAccount inLocalDirectory(UUID id, String email) {
        return new CreatedAccount(id, email, null, "local", "created");
    }
}
