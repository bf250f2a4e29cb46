package com.intelia.expert.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CORS for the frontend: Jetty's CrossOriginHandler restricted to the exact origins of ALLOWED_ORIGINS (each
 * quoted, so that a dot matches only a dot), with credentials and never a wildcard. Preflights are answered
 * here, before authentication, so they need no token. An Origin header holding several origins is treated as
 * not allowed instead of being echoed back.
 */
public final class ExactOriginCorsHandler extends CrossOriginHandler {

    /** Exactly the methods the frontend sends (PATCH: ratings and comments); no PUT, which no endpoint answers. */
    static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "DELETE", "OPTIONS");
    static final Set<String> HEADERS = Set.of("Authorization", "Content-Type", "Accept", "X-Requested-With");

    public ExactOriginCorsHandler(List<String> origins) {
        if (origins.stream().anyMatch(origin -> origin.contains("*"))) {
            throw new IllegalArgumentException("allowed origins must be exact; a wildcard is not allowed with credentials");
        }
        setAllowedOriginPatterns(origins.stream().map(String::trim).filter(origin -> !origin.isEmpty())
                .map(Pattern::quote).collect(Collectors.toSet()));
        setAllowCredentials(true);
        setAllowedMethods(METHODS);
        setAllowedHeaders(HEADERS);
        setPreflightMaxAge(Duration.ofMinutes(10));
        setDeliverPreflightRequests(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> origins = request.getHeaders().getValuesList(HttpHeader.ORIGIN);
        if (origins.size() > 1 || origins.stream().anyMatch(origin -> origin.trim().contains(" "))) {
            response.getHeaders().ensureField(new HttpField(HttpHeader.VARY, "Origin"));
            return getHandler().handle(request, response, callback);
        }
        return super.handle(request, response, callback);
    }
}
