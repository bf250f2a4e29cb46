package com.intelia.expert.backup;

import java.util.List;

/**
 * The tables the service owns and a backup holds, parents before children (the order restore loads them in).
 * A table the database lacks (a legacy database before db migrate) is skipped. Left out: the statistics rollups
 * (stats_*, rebuilt from conversations) and Liquibase's own tables.
 */
public final class BackupTables {

    public static final List<String> TABLES = List.of("conversations", "feedback", "invitations",
            "user_id_repairs", "user_id_repair_rows", "user_email_claims", "local_user_profiles", "invitation_outbox");

    private BackupTables() {
    }
}
