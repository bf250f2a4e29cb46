package com.intelia.expert.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Outside production, SECRET_KEY and JWT_SECRET may be left unset: random ones are made once and kept
 * in the data directory (mode 600), so that tokens minted by the {@code token} command and invitation
 * links survive a restart. Production never uses this: its secrets are required variables.
 */
public final class DevelopmentSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentSecrets.class);
    private static final String FILE = "development-secrets.properties";

    private DevelopmentSecrets() {
    }

    public static synchronized String get(Path dataDirectory, String name) {
        Path file = dataDirectory.resolve(FILE);
        Properties secrets = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    secrets.load(in);
                }
            }
            String value = secrets.getProperty(name);
            if (value == null) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                secrets.setProperty(name, value);
                Files.createDirectories(dataDirectory);
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    secrets.store(out, "Generated for development; never used in production");
                }
                restrict(file);
                LOG.warn("{} is not set: using a generated development secret kept in {}", name, file);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep development secrets in " + file, e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot restrict permissions of {}", file);
        }
    }
}
