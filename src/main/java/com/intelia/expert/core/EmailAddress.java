package com.intelia.expert.core;

import java.util.regex.Pattern;

/**
 * The e-mail addresses the service accepts: something@domain.tld, at most 255 characters (local_user_profiles.email
 * and Supabase's auth.users.email are varchar(255)). One rule for query parameters and admin task parameters
 * (resources/params/EmailParam, a 400 when broken) and for each address of an invitation (core/InvitationSender,
 * reported per address as failed).
 */
public final class EmailAddress {

    /** Characters at most. */
    public static final int MAX = 255;
    /** The accepted shape, as a regular expression. */
    public static final String PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    /** What to fix, in an error message after the field's name. */
    public static final String RULE = "must be an e-mail address such as name@example.com";

    private static final Pattern SHAPE = Pattern.compile(PATTERN);

    private EmailAddress() {
    }

    /** True when {@code text} (already stripped) has the accepted shape and length. */
    public static boolean isValid(String text) {
        return text.length() <= MAX && SHAPE.matcher(text).matches();
    }
}
