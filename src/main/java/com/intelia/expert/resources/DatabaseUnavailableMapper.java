package com.intelia.expert.resources;

import com.intelia.expert.core.RedactedError;
import com.intelia.expert.db.SqlStates;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL not available now (see {@link SqlStates#unavailable}: unreachable, restarting, failing over, out of
 * connections, too slow) answers 503 JSON with Retry-After, not a 500: nothing was written and the request can be
 * repeated. Other database errors are 500s, logged with an id and without the statement or its values.
 */
@Priority(1)
public class DatabaseUnavailableMapper implements ExceptionMapper<JdbiException> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final ServerErrorMapper others = new ServerErrorMapper();

    @Override
    public Response toResponse(JdbiException exception) {
        if (!SqlStates.unavailable(exception)) {
            return others.toResponse(exception);
        }
        LOG.warn("PostgreSQL unavailable: {}", RedactedError.describe(exception));
        return unavailable();
    }

    public static Response unavailable() {
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .entity(new ErrorMessage(503, "the database is unavailable; nothing was changed, try again shortly"))
                .build();
    }
}
