package com.intelia.expert.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Supabase-shaped access tokens and signing keys for tests: HS256 with a secret, ES256 and RS256 with a kid. */
public final class TestTokens {

    public static final String SECRET = "test-jwt-secret-0123456789-abcdefghijklmnop";
    public static final String ISSUER = "https://abcd.supabase.co/auth/v1";
    public static final String JWKS_PATH = "/auth/v1/.well-known/jwks.json";

    private TestTokens() {
    }

    /** The claims of a fresh Supabase access token for the user, valid for an hour. */
    public static JWTClaimsSet.Builder claims(UUID user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(user.toString()).audience("authenticated").issuer(ISSUER)
                .claim("role", "authenticated").claim("email", "grower@example.com")
                .claim("session_id", UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
    }

    public static String hs256(byte[] secret, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims, mac(secret));
    }

    /** HS256 with a kid in the header, as Supabase signs with a legacy JWT secret imported as a signing key. */
    public static String hs256WithKid(byte[] secret, String kid, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims,
                mac(secret));
    }

    public static String hs256(UUID user, UnaryOperator<JWTClaimsSet.Builder> change) {
        return hs256(SECRET.getBytes(StandardCharsets.UTF_8), change.apply(claims(user)).build());
    }

    public static String es256(ECKey key, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                    claims, new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                    claims, new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(new PlainHeader(), claims).serialize();
    }

    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWKS document Supabase serves: public halves only. */
    public static String jwks(JWK... keys) {
        return new JWKSet(Arrays.asList(keys)).toPublicJWKSet().toString();
    }

    private static MACSigner mac(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
