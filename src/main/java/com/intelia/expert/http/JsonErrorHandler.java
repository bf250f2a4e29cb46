package com.intelia.expert.http;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Errors raised inside a servlet context but outside Jersey (an unknown path outside the API root, a method the
 * server does not allow, a servlet's sendError, an admin path that does not exist) answer in the same JSON shape as
 * the API's own errors, whatever the method and the Accept header, instead of Jetty's HTML page with its details.
 * {@link JsonServerErrorHandler} does the same for errors raised before a context is chosen.
 */
public class JsonErrorHandler extends ErrorHandler {

    private final String notFound;

    /** @param notFound what a 404 says on this context, e.g. where the API is */
    public JsonErrorHandler(String notFound) {
        this.notFound = notFound;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        if (!generateAcceptableResponse(request, response, callback, "application/json",
                List.of(StandardCharsets.UTF_8), code, message, cause)) {
            callback.succeeded();
        }
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.write(ErrorBodies.json(code, ErrorBodies.message(request, code, message, notFound)));
    }
}
