package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** POST /invitations; the inviter is the signed-in user, never the body. The address is trimmed when stored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvitationRequest(
        @JsonProperty("invited_email") @NotBlank @Size(max = 255)
        @Pattern(regexp = "\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*",
                message = "must be an e-mail address such as name@example.com") String invitedEmail,
        @JsonProperty("invited_name") @Size(max = 255) String invitedName) {
}
