package com.intelia.expert.resources;

import com.intelia.expert.db.SqlStates;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * PostgreSQL out of reach (no connection, or SQLSTATE class 08) answers 503 JSON that says to try again, not a
 * 500: nothing was written and the request can be repeated. Other database errors stay 500s with a logged id.
 */
public class DatabaseUnavailableMapper implements ExceptionMapper<JdbiException> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);

    private final LoggingExceptionMapper<JdbiException> others = new LoggingExceptionMapper<>() {
    };

    @Override
    public Response toResponse(JdbiException exception) {
        if (!unreachable(exception)) {
            return others.toResponse(exception);
        }
        LOG.warn("PostgreSQL unavailable: {}", exception.getClass().getSimpleName());
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
                .entity(new ErrorMessage(503, "the database is unavailable; nothing was changed, try again shortly"))
                .build();
    }

    private static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException) {
                return true;
            }
        }
        return SqlStates.any(error, state -> state.startsWith("08"));
    }
}
