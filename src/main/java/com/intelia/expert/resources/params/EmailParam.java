package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.regex.Pattern;

/**
 * An e-mail address: something@domain.tld, at most 255 characters (local_user_profiles.email and Supabase's
 * auth.users.email are varchar(255)). 400 otherwise.
 */
@Schema(type = "string", format = "email", maxLength = EmailParam.MAX)
public final class EmailParam extends TextParam {

    public static final int MAX = 255;
    /** The shape the service accepts, for parameters and body fields alike. */
    public static final String PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final String RULE = "must be an e-mail address such as name@example.com";
    private static final Pattern EMAIL = Pattern.compile(PATTERN);

    public EmailParam(String input, String name) {
        super(input, name, 1, MAX, (text, n) -> {
            if (!EMAIL.matcher(text).matches()) {
                throw InvalidInputException.parameter(n, RULE);
            }
            return text;
        });
    }
}
