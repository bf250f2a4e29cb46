package com.intelia.expert.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * A servlet that sets an error status and writes nothing (Dropwizard's task servlet answers an unknown task with an
 * empty 404, a GET on a task with an empty 405) gets the context's JSON error body instead, via sendError.
 */
public class BodilessErrorFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        Watched watched = new Watched(http);
        chain.doFilter(request, watched);
        if (http.getStatus() >= 400 && !watched.wroteBody && !http.isCommitted()) {
            http.sendError(http.getStatus());
        }
    }

    /** Notes whether the servlet wrote (or asked Jetty to write) a body. */
    private static final class Watched extends HttpServletResponseWrapper {
        private boolean wroteBody;

        Watched(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            wroteBody = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            wroteBody = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            wroteBody = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            wroteBody = true;
            super.sendError(sc);
        }
    }
}
