package com.intelia.expert.directory;

import java.util.UUID;

/** A user's profile as Supabase keeps it in public.users (or the local directory outside production). */
public record Profile(UUID id, String email, String firstName, String lastName, String userType, String plan) {

    public boolean isAdmin() {
        return "admin".equals(userType) || "super_admin".equals(userType);
    }
}
