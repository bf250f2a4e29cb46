package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.postgres.EmbeddedPostgresServer;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;

/** Where and how the embedded PostgreSQL of development keeps its data. */
public class EmbeddedPostgresFactory {

    @JsonProperty @NotBlank private String dataDirectory = "./data/postgres";
    @JsonProperty @Min(1024) @Max(65535) private int port = 54329;
    @JsonProperty @NotNull private Duration startupTimeout = Duration.seconds(30);

    private EmbeddedPostgresServer server;

    public synchronized EmbeddedPostgresServer start() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(Path.of(dataDirectory), port,
                    java.time.Duration.ofMillis(startupTimeout.toMilliseconds()));
        }
        return server;
    }

    public String getDataDirectory() { return dataDirectory; }
    public int getPort() { return port; }
    public void setDataDirectory(String dataDirectory) { this.dataDirectory = dataDirectory; }
    public void setPort(int port) { this.port = port; }
}
