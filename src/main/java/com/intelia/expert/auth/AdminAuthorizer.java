package com.intelia.expert.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** The one role the API knows: "admin", held by users whose profile user_type is admin or super_admin. */
public class AdminAuthorizer implements Authorizer<ExpertPrincipal> {

    public static final String ADMIN = "admin";

    @Override
    public boolean authorize(ExpertPrincipal principal, String role, ContainerRequestContext requestContext) {
        return ADMIN.equals(role) && principal.admin();
    }
}
