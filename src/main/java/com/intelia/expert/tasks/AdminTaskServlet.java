package com.intelia.expert.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.core.RedactedError;
import com.intelia.expert.db.SqlStates;
import com.intelia.expert.resources.DatabaseUnavailableMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one admin task per POST and answers JSON with a real status code (Dropwizard's own task servlet
 * answers text and turns every failure into a 500 with a stack trace). When the admin port listens
 * beyond this machine, a request must carry {@code Authorization: Bearer <ADMIN_TOKEN>}. PostgreSQL unavailable is
 * a 503 to retry; any other failure is logged with a reference and without messages (they may hold the parameters:
 * e-mail addresses, names).
 */
public class AdminTaskServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(AdminTaskServlet.class);

    private final transient AdminTask<?> task;
    private final transient ObjectMapper json;
    private final transient byte[] adminToken;
    private final boolean tokenRequired;

    public AdminTaskServlet(AdminTask<?> task, ObjectMapper json, String adminToken, boolean tokenRequired) {
        this.task = task;
        this.json = json;
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.tokenRequired = tokenRequired;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (tokenRequired && !authorized(request.getHeader("Authorization"))) {
            write(response, 401, new ErrorMessage(401, adminToken == null
                    ? "the admin port listens beyond localhost and ADMIN_TOKEN is not set: tasks are disabled"
                    : "send Authorization: Bearer <ADMIN_TOKEN> to run tasks"));
            return;
        }
        Map<String, List<String>> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        try {
            write(response, 200, task.runWithEvery(parameters));
        } catch (WebApplicationException e) {
            write(response, e.getResponse().getStatus(), new ErrorMessage(e.getResponse().getStatus(), e.getMessage()));
        } catch (Exception e) {
            if (SqlStates.unavailable(e)) {
                LOG.warn("Task {}: PostgreSQL unavailable: {}", task.name(), RedactedError.describe(e));
                response.setHeader("Retry-After", Integer.toString(DatabaseUnavailableMapper.RETRY_AFTER_SECONDS));
                write(response, 503, new ErrorMessage(503, "the database is unavailable; task " + task.name()
                        + " changed nothing, run it again shortly"));
                return;
            }
            String reference = UUID.randomUUID().toString();
            LOG.error("Task {} failed (reference {})", task.name(), reference, RedactedError.of(e));
            write(response, 500, new ErrorMessage(500, "task " + task.name()
                    + " failed; see the service log, reference " + reference));
        }
    }

    private boolean authorized(String header) {
        if (adminToken == null || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(adminToken, header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
