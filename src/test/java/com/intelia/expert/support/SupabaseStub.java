package com.intelia.expert.support;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.directory.Profile;
import io.dropwizard.util.Duration;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** Supabase's REST API as WireMock answers it in these tests, in the shapes PostgREST and the gateway document. */
public final class SupabaseStub {

    public static final String ANON_KEY = "anon-key-for-directory-tests";
    public static final String SERVICE_KEY = "service-key-for-directory-tests";

    private SupabaseStub() {
    }

    public static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** Short timeouts and waits so that failure tests stay fast; the circuit breaker is driven by a manual clock. */
    public static SupabaseFactory factory(String baseUrl) {
        SupabaseFactory factory = new SupabaseFactory();
        factory.setUrl(baseUrl);
        factory.setKey(ANON_KEY);
        factory.setServiceKey(SERVICE_KEY);
        factory.setConnectTimeout(Duration.milliseconds(500));
        factory.setReadTimeout(Duration.milliseconds(300));
        factory.setRetryBackoff(Duration.milliseconds(10));
        factory.setCircuitBreakerWindow(4);
        factory.setCircuitBreakerMinimumCalls(4);
        factory.setCircuitBreakerFailureRate(50);
        factory.setCircuitBreakerOpenWait(Duration.seconds(30));
        return factory;
    }

    public static MappingBuilder users() {
        return get(urlPathEqualTo("/rest/v1/users"));
    }

    public static RequestPatternBuilder usersRequested() {
        return getRequestedFor(urlPathEqualTo("/rest/v1/users"));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** 200 with a JSON array of public.users rows, one per id, named after the id's first characters. */
    public static ResponseDefinitionBuilder rows(UUID... ids) {
        return rows(Arrays.asList(ids));
    }

    public static ResponseDefinitionBuilder rows(List<UUID> ids) {
        return json(200, ids.stream().map(SupabaseStub::row).collect(Collectors.joining(",", "[", "]")));
    }

    public static String row(UUID id) {
        String name = id.toString().substring(0, 8);
        return "{\"id\":\"" + id + "\",\"email\":\"" + name + "@ferme.fr\",\"first_name\":\"Marie\","
                + "\"last_name\":\"" + name + "\",\"user_type\":\"user\",\"plan\":\"free\"}";
    }

    /** 200 with these public.users rows, as PostgREST returns them for the columns the directory selects. */
    public static ResponseDefinitionBuilder profiles(Profile... profiles) {
        return json(200, Arrays.stream(profiles).map(SupabaseStub::row).collect(Collectors.joining(",", "[", "]")));
    }

    public static String row(Profile profile) {
        return "{\"id\":\"" + profile.id() + "\",\"email\":" + text(profile.email())
                + ",\"first_name\":" + text(profile.firstName()) + ",\"last_name\":" + text(profile.lastName())
                + ",\"user_type\":" + text(profile.userType()) + ",\"plan\":" + text(profile.plan()) + "}";
    }

    private static String text(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** PostgREST's error body: code, message, details, hint. */
    public static ResponseDefinitionBuilder postgrestError(int status, String code, String message) {
        return json(status, "{\"code\":\"" + code + "\",\"details\":null,\"hint\":null,\"message\":\"" + message + "\"}");
    }

    /** What Supabase's gateway answers before PostgREST when the key is wrong. */
    public static ResponseDefinitionBuilder invalidApiKey() {
        return json(401, "{\"message\":\"Invalid API key\","
                + "\"hint\":\"Double check your Supabase `anon` or `service_role` API key.\"}");
    }

    public static ResponseDefinitionBuilder tableMissing() {
        return postgrestError(404, "PGRST205", "Could not find the table 'public.users' in the schema cache");
    }

    public static List<UUID> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
    }
}
