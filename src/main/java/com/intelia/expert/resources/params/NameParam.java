package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A person's first or last name for a profile: at most 100 characters, the width of local_user_profiles'
 * first_name and last_name (Supabase's public.users keeps the same limit through this check).
 */
@Schema(type = "string", maxLength = NameParam.MAX)
public final class NameParam extends TextParam {

    public static final int MAX = 100;

    public NameParam(String input, String name) {
        super(input, name, 1, MAX);
    }
}
