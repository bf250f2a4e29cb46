package com.intelia.expert.backup;

import java.io.IOException;

/** A backup file that is not what {@link TableCopier} wrote, or no longer is: damaged, truncated or foreign. */
public class BackupFileException extends IOException {

    public BackupFileException(String message) {
        super(message);
    }
}
