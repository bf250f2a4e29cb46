package com.intelia.expert.tasks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation of the production guide on the admin port: {@code POST /tasks/<name>?...}. It answers
 * a JSON object, or throws a WebApplicationException whose status and message become the JSON error.
 * Parameters are read with the typed parameters of resources.params, as the API reads its own: a malformed
 * one is a 400 naming it.
 *
 * @param <R> the task's answer, a record (or a sealed interface of records) written as the JSON body of the 200
 */
public interface AdminTask<R> {

    String name();

    /** The parameters by name, the last value of a repeated one. */
    R run(Map<String, String> parameters) throws Exception;

    /** Every value of each parameter; tasks that take repeated parameters override this. */
    default R runWithEvery(Map<String, List<String>> parameters) throws Exception {
        Map<String, String> last = new HashMap<>();
        parameters.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
        return run(last);
    }
}
