package com.intelia.expert.resources;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Errors raised outside Jersey (an unknown path outside the API root, a servlet failure) answer in the
 * same JSON shape as the API's own errors, instead of Jetty's HTML page with its details.
 */
public class JsonErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        String reason = HttpStatus.getMessage(code);
        String body = "{\"code\":" + code + ",\"message\":\"HTTP " + code + " " + reason + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
