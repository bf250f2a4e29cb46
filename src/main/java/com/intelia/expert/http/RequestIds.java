package com.intelia.expert.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the one the router sent in {@code X-Request-Id} when it looks like an id, else a new
 * UUID. It is returned in the {@code X-Request-Id} response header, written in the request log, kept in the logging
 * MDC as {@code request_id} while the request runs (JSON logs carry it), and put in 5xx bodies
 * (resources/RequestIdInServerErrors), so that a user's report leads to the log lines of that request.
 */
public final class RequestIds implements Filter {

    public static final String HEADER = "X-Request-Id";
    /** The servlet request attribute (a Jersey request property too) and MDC key that hold the id. */
    public static final String ATTRIBUTE = "request_id";
    /** Only id-like values are taken from the client: they end up in logs. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sent = ((HttpServletRequest) request).getHeader(HEADER);
        Object earlier = request.getAttribute(ATTRIBUTE); // an error dispatch of the same request keeps its id
        String id = earlier != null ? earlier.toString()
                : sent != null && ACCEPTED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        ((HttpServletResponse) response).setHeader(HEADER, id);
        MDC.put(ATTRIBUTE, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(ATTRIBUTE);
        }
    }
}
