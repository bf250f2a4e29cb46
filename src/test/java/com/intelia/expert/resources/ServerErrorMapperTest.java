package com.intelia.expert.resources;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.support.PlantedText;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unexpected error whose message holds what a user sent (a parser's offending token, a value in an
 * IllegalArgumentException) answers Dropwizard's 500 with an id, and the log line with that id keeps the error's
 * class and frames but not its message. With Dropwizard's own mappers registered too, as in the application.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServerErrorMapperTest {

    private static final String USERS_WORDS = PlantedText.of("in-an-exception-message");

    @Path("/fails")
    public static class FailingResource {
        @GET
        public String fail() {
            throw new IllegalArgumentException("cannot read " + USERS_WORDS,
                    new NumberFormatException("For input string: \"" + USERS_WORDS + "\""));
        }
    }

    private static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new FailingResource())
            .addProvider(new ServerErrorMapper())
            .build();

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @Test
    void anUnexpectedErrorIsA500WithAnIdAndIsLoggedWithoutItsMessage() {
        try (Response response = RESOURCES.target("/fails").request().get()) {
            assertThat(response.getStatus()).isEqualTo(500);
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("message").asText()).contains("It has been logged (ID").doesNotContain(USERS_WORDS);
        }

        assertThat(log.list).as("the error was logged").anyMatch(event -> event.getThrowableProxy() != null);
        for (ILoggingEvent event : log.list) {
            String logged = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(logged).doesNotContain(USERS_WORDS);
            if (event.getThrowableProxy() != null) {
                assertThat(logged).contains("IllegalArgumentException", "NumberFormatException", "FailingResource.fail");
            }
        }
    }
}
