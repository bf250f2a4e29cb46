package com.intelia.expert.db;

import com.intelia.expert.directory.Profile;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.UUID;

/** SQL of local_user_profiles: the user directory kept in the application database outside production. */
@RegisterConstructorMapper(Profile.class)
public interface LocalProfileDao {

    @SqlQuery("""
            SELECT id, email, first_name, last_name, user_type, plan
            FROM local_user_profiles WHERE id = ANY(:ids)
            """)
    List<Profile> find(@Bind("ids") UUID[] ids);

    @SqlQuery("""
            SELECT id, email, first_name, last_name, user_type, plan
            FROM local_user_profiles WHERE lower(email) = lower(:email)
            """)
    java.util.Optional<Profile> findByEmail(@Bind("email") String email);

    @SqlUpdate("""
            INSERT INTO local_user_profiles (id, email, first_name, last_name, user_type, plan)
            VALUES (:id, :email, :firstName, :lastName, :userType, :plan)
            ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
              last_name = EXCLUDED.last_name, user_type = EXCLUDED.user_type, plan = EXCLUDED.plan
            """)
    void upsert(@BindMethods Profile profile);

    @SqlQuery("SELECT COALESCE(NULLIF(plan, ''), 'none') AS plan, count(*) AS users FROM local_user_profiles GROUP BY 1")
    @KeyColumn("plan")
    @ValueColumn("users")
    java.util.Map<String, Long> planCounts();

    @SqlQuery("SELECT count(*) FROM local_user_profiles")
    long count();
}
