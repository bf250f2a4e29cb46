package com.intelia.expert.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import java.security.Key;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the verification key by the token's algorithm family, so that a key is only ever used with the
 * family it belongs to: HS256 gets the JWT secret and nothing else, ES256/RS256 get the project's public
 * keys (from its JWKS) and never the secret. Key confusion, such as an HS256 token "signed" with a public
 * key's bytes, therefore finds no key.
 */
final class AlgorithmFamilyKeySelector implements JWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

    private final JWSKeySelector<SecurityContext> hmac;
    private final Optional<JWSKeySelector<SecurityContext>> publicKeys;

    AlgorithmFamilyKeySelector(byte[] secret, Optional<JWKSource<SecurityContext>> jwks) {
        this.hmac = new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret));
        this.publicKeys = jwks.map(source -> new JWSVerificationKeySelector<>(ASYMMETRIC, source));
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            return hmac.selectJWSKeys(header, context);
        }
        if (ASYMMETRIC.contains(algorithm) && publicKeys.isPresent()) {
            return publicKeys.get().selectJWSKeys(header, context);
        }
        return List.of();
    }
}
