package com.intelia.expert.http;

import io.dropwizard.jersey.errors.ErrorMessage;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;

import java.util.Locale;

/**
 * What an error raised by Jetty itself (before Jersey) says: the API's {@code {"code", "message"}} JSON with a
 * message that tells what to fix. Jetty's own reason is only used to tell kinds of error apart; the URI, the
 * headers and anything else the client sent are never repeated.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /** {"code":..., "message":...} as Dropwizard's ErrorMessage serialises it. */
    static String json(int code, String message) {
        ErrorMessage error = new ErrorMessage(code, message);
        return "{\"code\":" + error.getCode() + ",\"message\":\"" + escape(error.getMessage()) + "\"}";
    }

    /**
     * @param reason Jetty's reason (e.g. "Ambiguous URI path separator"), or null
     * @param notFound what to say for a 404 on this port
     */
    static String message(Request request, int code, String reason, String notFound) {
        String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        return switch (code) {
            case 400 -> badRequest(why);
            case 404 -> notFound;
            case 405 -> "this method is not allowed on this path";
            case 408 -> "the request was not received in time; send it again at once";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is longer than " + headerLimit(request)
                    + " bytes (with the headers): send long values in the request body";
            case 415 -> "the request body's media type or Content-Encoding is not supported";
            case 431 -> "the request headers are larger than " + headerLimit(request)
                    + " bytes in all: send fewer or shorter headers";
            case 500 -> "the server failed to handle this request";
            case 503 -> "the service is not available now (starting, stopping or overloaded); try again shortly";
            case 505 -> "this HTTP version is not supported: use HTTP/1.1";
            default -> "HTTP " + code + " " + HttpStatus.getMessage(code);
        };
    }

    private static String badRequest(String why) {
        if (why.contains("ambiguous") || why.contains("suspicious")) {
            return "the request path is ambiguous (an encoded '/', '.' or '%', a '..' or '.' segment, or an empty"
                    + " segment '//'): send each path segment plainly";
        }
        if (why.contains("utf") || why.contains("encoding") || why.startsWith("bad uri") || why.contains("%")) {
            return "the request URI is not valid: percent-encode characters as UTF-8 bytes (%C3%A9 for \u00e9)";
        }
        if (why.contains("host")) {
            return "the request has no valid Host header (HTTP/1.1 requires one)";
        }
        return "the request is not valid HTTP/1.1 (its request line or headers cannot be read)";
    }

    private static int headerLimit(Request request) {
        try {
            return request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
        } catch (RuntimeException e) {
            return 8192;
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
