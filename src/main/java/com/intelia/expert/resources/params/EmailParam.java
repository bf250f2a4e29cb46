package com.intelia.expert.resources.params;

import com.intelia.expert.core.EmailAddress;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An e-mail address parameter (core/EmailAddress: something@domain.tld, at most 255 characters). 400 otherwise.
 */
@Schema(type = "string", format = "email", maxLength = EmailAddress.MAX)
public final class EmailParam extends TextParam {

    public EmailParam(String input, String name) {
        super(input, name, 1, EmailAddress.MAX, (text, n) -> {
            if (!EmailAddress.isValid(text)) {
                throw InvalidInputException.parameter(n, EmailAddress.RULE);
            }
            return text;
        });
    }
}
