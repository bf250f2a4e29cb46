package com.intelia.expert.resources;

import com.intelia.expert.http.RequestIds;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * A 5xx JSON body says which request it answers: {@code details} gets {@code request_id=...} (the X-Request-Id
 * header's value), so that a user or the frontend can quote it and an operator find the request's log lines.
 */
public class RequestIdInServerErrors implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(RequestIds.ATTRIBUTE);
        if (id == null || response.getStatus() < 500 || !(response.getEntity() instanceof ErrorMessage error)) {
            return;
        }
        String tag = "request_id=" + id;
        String details = error.getDetails() == null || error.getDetails().isBlank() ? tag
                : error.getDetails() + " (" + tag + ")";
        response.setEntity(new ErrorMessage(error.getCode(), error.getMessage(), details));
    }
}
