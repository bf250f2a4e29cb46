package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * POST /invitations/send, as the invite dialog sends it: 1 to 10 addresses (each checked on its own: a malformed
 * one is a "failed" result, not a refusal of the request), an optional personal message (at most 2,000 characters),
 * the inviter's display name as a hint, the language of the e-mail, and force_send to invite again within the
 * resend window. inviter_email is ignored: the inviter is the access token's user. 422 for 0 or more than 10
 * addresses; 413 for a text over its limit.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvitationSendRequest(
        @JsonProperty("emails") @NotNull @Size(min = 1, max = 10, message = "must hold 1 to 10 addresses")
        List<@NotNull @Size(max = 320) String> emails,
        @JsonProperty("personal_message") @Size(max = 2000) String personalMessage,
        @JsonProperty("inviter_name") @Size(max = 255) String inviterName,
        @JsonProperty("inviter_email") @Size(max = 320) String inviterEmail,
        @JsonProperty("language") @Size(max = 35) String language,
        @JsonProperty("force_send") Boolean forceSend) {

    public boolean force() {
        return Boolean.TRUE.equals(forceSend);
    }
}
