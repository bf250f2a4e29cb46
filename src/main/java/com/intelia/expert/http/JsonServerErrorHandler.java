package com.intelia.expert.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server's own error handler, for what Jetty refuses before a request reaches a context: a request line or
 * headers it cannot parse (400), an ambiguous or badly encoded URI (400), a URI or headers too long (414, 431), an
 * unknown HTTP version (505). They answer the API's JSON {@code {"code", "message"}} on both ports, as
 * {@link JsonErrorHandler} does inside the contexts, instead of an HTML page repeating the URI.
 */
public class JsonServerErrorHandler extends ErrorHandler {

    public JsonServerErrorHandler() {
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
        writer.write(ErrorBodies.json(code, ErrorBodies.message(request, code, message, "no such path on this server")));
    }
}
