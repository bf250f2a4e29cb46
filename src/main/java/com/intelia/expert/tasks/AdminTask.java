package com.intelia.expert.tasks;

import java.util.Map;

/**
 * An operation of the production guide on the admin port: {@code POST /tasks/<name>?...}. It answers
 * a JSON object, or throws a WebApplicationException whose status and message become the JSON error.
 * Parameters are read with the typed parameters of resources.params, as the API reads its own: a malformed
 * one is a 400 naming it.
 */
public interface AdminTask {

    String name();

    Object run(Map<String, String> parameters) throws Exception;
}
