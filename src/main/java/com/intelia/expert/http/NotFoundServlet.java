package com.intelia.expert.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The application port's default servlet: every path outside the API answers 404 through the context's JSON
 * error handler, whatever the method. Jetty's own default answers methods it does not implement (PATCH, PUT) with
 * a 501, which would tell a client that the server, not the path, is at fault.
 */
public class NotFoundServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
