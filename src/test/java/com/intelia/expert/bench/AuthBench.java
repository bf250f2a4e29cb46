package com.intelia.expert.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.intelia.expert.auth.AccessTokenVerifier;
import com.intelia.expert.auth.SigningKeys;
import com.intelia.expert.auth.TestTokens;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;





import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * What verifying one access token costs a request (scripts/bench auth): HS256 with the JWT secret, ES256 and
 * RS256 with keys from a JWKS (served by WireMock, then cached as in production). Reports sample-time
 * percentiles in microseconds; the median is p0.50. Extra arguments are JMH's own (e.g. -i 10 -f 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthBench {

    private WireMockServer supabase;
    private AccessTokenVerifier verifier;
    private String hs256;
    private String es256;
    private String rs256;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ECKey ec = TestTokens.ecKey("bench-ec");
        RSAKey rsa = TestTokens.rsaKey("bench-rsa");
        supabase = new WireMockServer(wireMockConfig().dynamicPort());
        supabase.start();
        supabase.stubFor(get(TestTokens.JWKS_PATH).willReturn(okJson(TestTokens.jwks(ec, rsa))));
        verifier = new AccessTokenVerifier(TestTokens.SECRET,
                Optional.of(SigningKeys.remote(URI.create(supabase.baseUrl() + TestTokens.JWKS_PATH).toURL(), Duration.ofMinutes(5))),
                Optional.of(TestTokens.ISSUER), Duration.ofSeconds(60));
        UUID user = UUID.randomUUID();
        hs256 = TestTokens.hs256(user, c -> c);
        es256 = TestTokens.es256(ec, TestTokens.claims(user).build());
        rs256 = TestTokens.rs256(rsa, TestTokens.claims(user).build());
        for (String token : new String[] {hs256, es256, rs256}) {
            if (verifier.verify(token).isEmpty()) {
                throw new IllegalStateException("a benchmark token does not verify");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        supabase.stop();
    }

    @Benchmark
    public Object verifyHs256() {
        return verifier.verify(hs256);
    }

    @Benchmark
    public Object verifyEs256() {
        return verifier.verify(es256);
    }

    @Benchmark
    public Object verifyRs256() {
        return verifier.verify(rs256);
    }

    public static void main(String[] args) throws Exception {
        JmhRun.of(AuthBench.class, args);
    }
}
