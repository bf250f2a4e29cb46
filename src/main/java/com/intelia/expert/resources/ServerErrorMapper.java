package com.intelia.expert.resources;

import com.intelia.expert.core.RedactedError;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.annotation.Priority;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard's answer to an unexpected error (500 JSON with an id, the request's own status for a
 * WebApplicationException), but the log line with that id gets the error redacted: classes, SQLSTATEs and stack
 * frames, no messages, which may hold the user's words.
 */
@Priority(1)
public class ServerErrorMapper extends LoggingExceptionMapper<Throwable> {

    public ServerErrorMapper() {
        super(LoggerFactory.getLogger(ServerErrorMapper.class));
    }

    @Override
    protected void logException(long id, Throwable exception) {
        logger.error(formatLogMessage(id, exception), RedactedError.of(exception));
    }
}
