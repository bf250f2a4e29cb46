package com.intelia.expert.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ENVIRONMENT the service runs in; production turns off every embedded default. */
public enum DeploymentEnvironment {
    PRODUCTION, STAGING, DEVELOPMENT;

    public static Optional<DeploymentEnvironment> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEVELOPMENT);
        }
        String wanted = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.name().equals(wanted)).findFirst();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
