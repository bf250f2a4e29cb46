package com.intelia.expert.tasks;

import com.intelia.expert.resources.params.InvalidInputException;
import io.dropwizard.servlets.tasks.Task;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One of Dropwizard's own admin tasks ({@code gc}, {@code log-level}) served like ours: POST /tasks/&lt;name&gt;
 * behind ADMIN_TOKEN, answering JSON {@code {task, output}}. Dropwizard's task servlet answers a malformed
 * parameter (a duration such as {@code 10s}, a bad percent-encoding) with a 500 in plain text; here it is a 400
 * JSON error that says what the task takes, without repeating the value.
 */
public final class FrameworkTask implements AdminTask<FrameworkTask.Output> {

    /** The task's name and what it printed, trimmed. */
    public record Output(String task, String output) {
    }

    private final Task task;
    private final String usage;

    /** {@code usage}: the parameters the task takes, quoted in the 400 answer to a malformed one. */
    public FrameworkTask(Task task, String usage) {
        this.task = task;
        this.usage = usage;
    }

    @Override
    public String name() {
        return task.getName();
    }

    @Override
    public Output run(Map<String, String> parameters) throws Exception {
        return runWithEvery(parameters.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
    }

    /** Every value of repeated parameters (log-level takes several {@code logger}s). */
    @Override
    public Output runWithEvery(Map<String, List<String>> parameters) throws Exception {
        StringWriter output = new StringWriter();
        try (PrintWriter writer = new PrintWriter(output)) {
            task.execute(parameters, writer);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw InvalidInputException.parameter("a parameter of task " + name(), "is malformed: it takes " + usage);
        }
        return new Output(name(), output.toString().strip());
    }
}
