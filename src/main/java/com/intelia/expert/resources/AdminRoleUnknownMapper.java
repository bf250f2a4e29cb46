package com.intelia.expert.resources;

import com.intelia.expert.core.AdminRoleUnknownException;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 503 "cannot check the admin role now, try again" with {@code Retry-After: 30} (seconds) when a decision needed
 * the caller's admin role and the user directory could not tell it. Logged once at WARN with the user id and the
 * directory's reason.
 */
public class AdminRoleUnknownMapper implements ExceptionMapper<AdminRoleUnknownException> {

    /** Seconds before asking again: about how long the Supabase circuit breaker stays open by default. */
    static final int RETRY_AFTER_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(AdminRoleUnknownMapper.class);

    @Override
    public Response toResponse(AdminRoleUnknownException exception) {
        LOG.warn("Admin role of user {} unknown, answered 503: {}", exception.userId(), exception.reason());
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(503, AdminRoleUnknownException.MESSAGE)).build();
    }
}
