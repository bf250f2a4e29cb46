package com.intelia.expert.db;

import java.util.List;

/**
 * The application tables a backup holds, parents before children. Rollups are left out: they are
 * rebuilt from these rows.
 */
public final class BackupTables {

    public static final List<String> TABLES = List.of("conversations", "feedback", "invitations");

    private BackupTables() {
    }
}
