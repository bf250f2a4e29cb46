package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * POST /auth/invitations/complete-profile, as the acceptance page sends it. The address is the token's, never the
 * body's email (which is read and ignored). password: 8 to 72 characters (bcrypt's limit); firstName, lastName and
 * country are required (422); texts over their limit are 413. phone and LinkedIn fields are accepted and not kept.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompleteProfileRequest(
        @JsonProperty("access_token") @NotBlank @Size(max = 16384) String accessToken,
        @JsonProperty("password") @NotBlank @Size(max = 72)
        @Schema(minLength = 8, description = "8 characters or more (422 otherwise)") String password,
        @JsonProperty("firstName") @NotBlank @Size(max = 100) String firstName,
        @JsonProperty("lastName") @NotBlank @Size(max = 100) String lastName,
        @JsonProperty("fullName") @Size(max = 201) String fullName,
        @JsonProperty("email") @Size(max = 320) String email,
        @JsonProperty("country") @NotBlank @Size(max = 100) String country,
        @JsonProperty("companyName") @Size(max = 255) String companyName,
        @JsonProperty("companyWebsite") @Size(max = 2048) String companyWebsite) {
}
