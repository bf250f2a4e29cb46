package com.intelia.expert.auth;

/**
 * Why an access token was not accepted, as the caller is told: a 401 whose {@code WWW-Authenticate} header carries
 * {@code error="invalid_token"} and this description (RFC 6750; a missing token gets no error code), the JSON body
 * the same description as its message and the code in details. The one exception, {@link #KEYS_UNAVAILABLE}, is
 * not the token's fault and answers 503. Descriptions hold only the characters RFC 6750 allows there (no quote,
 * no backslash) and never any part of the token.
 */
public enum TokenRefusal {

    MISSING("missing", "no access token: send Authorization: Bearer <Supabase access token>"),
    MALFORMED("malformed", "the access token is not a well-formed signed JWT"),
    UNSUPPORTED_ALGORITHM("unsupported_algorithm", "the access token is not signed with HS256, ES256 or RS256"),
    UNKNOWN_KEY("unknown_key", "the access token is signed with a key the Supabase project does not publish (unknown kid)"),
    BAD_SIGNATURE("bad_signature", "the access token signature does not verify"),
    EXPIRED("expired", "the access token has expired: refresh the session or sign in again"),
    NOT_YET_VALID("not_yet_valid", "the access token is not valid yet (nbf in the future): check the clocks"),
    WRONG_AUDIENCE("wrong_audience", "the access token audience is not authenticated: send a user access token, not an API key"),
    WRONG_ISSUER("wrong_issuer", "the access token was issued by another Supabase project (iss)"),
    NO_USER("no_user", "the access token names no user (sub is not a user id) or has no expiry (exp)"),
    KEYS_UNAVAILABLE("keys_unavailable", "cannot load the Supabase project signing keys now, try again");

    private final String code;
    private final String description;

    TokenRefusal(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** Short machine-readable name, e.g. {@code expired}; logged, and the JSON body's details. */
    public String code() {
        return code;
    }

    /** What the caller is told, in the header's error_description and the body's message. */
    public String description() {
        return description;
    }

    /** 401 for every refusal of the token itself, 503 when the keys to check it cannot be loaded. */
    public int status() {
        return this == KEYS_UNAVAILABLE ? 503 : 401;
    }
}
