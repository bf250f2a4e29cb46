package com.intelia.expert.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.Key;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the verification key by the token's algorithm family, so that a key is only ever used with the
 * family it belongs to: HS256 gets the JWT secret and nothing else, ES256/RS256 get the project's public
 * keys (from its JWKS) and never the secret. An HS256 token's kid is not matched: there is one secret. Key confusion, such as an HS256 token "signed" with a public
 * key's bytes, therefore finds no key.
 */
final class AlgorithmFamilyKeySelector implements JWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

    private final List<SecretKey> hmac;
    private final Optional<JWSKeySelector<SecurityContext>> publicKeys;

    AlgorithmFamilyKeySelector(byte[] secret, Optional<JWKSource<SecurityContext>> jwks) {
        this.hmac = List.of(new SecretKeySpec(secret, "HmacSHA256"));
        this.publicKeys = jwks.map(source -> new JWSVerificationKeySelector<>(ASYMMETRIC, source));
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            // whatever the kid: Supabase adds one to HS256 tokens once the legacy secret is a signing key, and the
            // project has one HMAC secret, so a kid cannot choose another key (matching it would refuse every token)
            return hmac;
        }
        if (ASYMMETRIC.contains(algorithm) && publicKeys.isPresent()) {
            return publicKeys.get().selectJWSKeys(header, context);
        }
        return List.of();
    }
}
