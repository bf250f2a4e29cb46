package com.intelia.expert.auth;

import com.intelia.expert.core.AdminRole;
import com.intelia.expert.core.AdminRoleUnknownException;
import com.intelia.expert.core.Caller;

import java.security.Principal;
import java.util.UUID;

/**
 * The signed-in user of a request: the token's sub and e-mail, the admin role from the user directory (possibly
 * unknown while it is down), and whether the token is an anonymous sign-in's (is_anonymous: never an admin).
 */
public record ExpertPrincipal(UUID userId, String email, AdminRole role, boolean anonymous) implements Principal {

    public ExpertPrincipal {
        role = anonymous ? AdminRole.USER : role;
    }

    @Override
    public String getName() {
        return userId.toString();
    }

    /**
     * Whether the user is an admin.
     *
     * @throws AdminRoleUnknownException when the directory cannot tell now: answered 503, never 403
     */
    public boolean admin() {
        return role.isAdmin(userId);
    }

    /** The same user with the role the directory gave. */
    public ExpertPrincipal withRole(AdminRole newRole) {
        return new ExpertPrincipal(userId, email, newRole, anonymous);
    }

    public Caller caller() {
        return new Caller(userId, email, role, anonymous);
    }
}
