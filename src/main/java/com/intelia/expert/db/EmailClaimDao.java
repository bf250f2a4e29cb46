package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.UUID;

/** SQL of user_email_claims: which e-mail each user_id signed in with. */
public interface EmailClaimDao {

    @SqlUpdate("""
            INSERT INTO user_email_claims (user_id, email) VALUES (:userId, lower(:email))
            ON CONFLICT (user_id, email) DO UPDATE SET last_seen = now()
            """)
    void record(@Bind("userId") UUID userId, @Bind("email") String email);

    @SqlQuery("SELECT email FROM user_email_claims WHERE user_id = :userId ORDER BY last_seen DESC")
    List<String> emailsOf(@Bind("userId") UUID userId);
}
