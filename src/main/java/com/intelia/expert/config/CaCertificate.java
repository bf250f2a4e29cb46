package com.intelia.expert.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * POSTGRES_CA_CERT as pgjdbc needs it: a file. DigitalOcean lets you download the cluster's CA certificate,
 * and an app platform makes it easiest to paste its PEM text into a variable; that text is written once to a
 * private (0600) temporary file. A value that is not PEM text is taken as the path of a PEM file.
 */
public final class CaCertificate {

    private static final String PEM_START = "-----BEGIN CERTIFICATE-----";
    private static final Map<String, Path> WRITTEN = new HashMap<>();

    private CaCertificate() {
    }

    public static boolean isPemText(String value) {
        return value != null && value.trim().startsWith(PEM_START);
    }

    /** The file pgjdbc's sslrootcert should name for this value. */
    public static synchronized Path path(String value) {
        if (!isPemText(value)) {
            return Path.of(value.trim());
        }
        return WRITTEN.computeIfAbsent(value.trim(), CaCertificate::write);
    }

    private static Path write(String pem) {
        try {
            Path file = Files.createTempFile("intelia-postgres-ca-", ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pem + "\n", StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write POSTGRES_CA_CERT to a temporary file", e);
        }
    }
}
