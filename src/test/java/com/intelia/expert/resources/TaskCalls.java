package com.intelia.expert.resources;

import com.intelia.expert.resources.ApiCalls.Call;
import com.intelia.expert.resources.ApiCalls.Request;
import com.intelia.expert.resources.WireValues.Caller;
import com.intelia.expert.resources.WireValues.Fixture;
import com.intelia.expert.resources.WireValues.Query;
import com.intelia.expert.resources.WireValues.Ref;
import com.intelia.expert.resources.WireValues.UuidForm;
import com.intelia.expert.resources.WireValues.Value;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.intelia.expert.resources.WireValues.PLANT;

/**
 * Requests to the admin port: every task, with its valid parameters changed one or a few at a time, and tasks that do
 * not exist.
 */
final class TaskCalls {

    private TaskCalls() {
    }

    /**
     * A task on the admin port: the task's valid parameters with some changed (or left out), in the query or as a
     * form body. Only the changes are part of the sample, so a shrunk failure names the one parameter that matters.
     */
    record TaskCall(String task, String method, Caller caller, List<Query> changes, boolean asForm) implements Call {
        public Request render(Fixture f) {
            Map<String, Value> parameters = new LinkedHashMap<>(VALID_TASK_PARAMETERS.getOrDefault(task, Map.of()));
            changes.forEach(change -> parameters.put(change.name(), change.value()));
            List<String> pairs = new ArrayList<>();
            parameters.forEach((name, value) -> {
                String wire = value.wire(f, caller);
                if (wire != null) {
                    pairs.add(name + "=" + wire);
                }
            });
            String encoded = String.join("&", pairs);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            ApiCalls.auth(headers, caller, f);
            if (asForm) {
                headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
                return new Request(f.adminPort(), method, "/tasks/" + task, headers, encoded.getBytes());
            }
            return new Request(f.adminPort(), method, "/tasks/" + task + (encoded.isEmpty() ? "" : "?" + encoded),
                    headers, method.equals("POST") ? new byte[0] : null);
        }

        public String label() {
            return "task " + (task.length() > 40 ? task.substring(0, 40) + "..." : task);
        }
    }

    /** A run of each task that succeeds (dry runs where a task can apply), from the tasks' class comments. */
    private static final Map<String, Map<String, Value>> VALID_TASK_PARAMETERS = Map.of(
            "create-supabase-user", ordered("id", new WireValues.Id(Ref.FRESH, UuidForm.CANONICAL),
                    "email", new WireValues.FreshEmail(), "first_name", new WireValues.Word("Marie"),
                    "last_name", new WireValues.Word("Dupont")),
            "fix-user-id", ordered("from", new WireValues.Id(Ref.OTHER_USER, UuidForm.CANONICAL),
                    "to", new WireValues.Id(Ref.SELF, UuidForm.CANONICAL), "apply", new WireValues.Word("false")),
            "undo-user-id-fix", ordered("repair_id", new WireValues.Id(Ref.FRESH, UuidForm.CANONICAL)),
            "log-level", ordered("logger", new WireValues.Word("zqplant.quiet"), "level", new WireValues.Word("INFO")));

    private static final List<String> ANY_TASK_PARAMETER = List.of("id", "email", "first_name", "last_name", "from",
            "to", "apply", "force", "repair_id", "logger", "level", "duration");

    private static Map<String, Value> ordered(Object... pairs) {
        Map<String, Value> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Value) pairs[i + 1]);
        }
        return map;
    }

    /** Tasks that read no parameter (their class comments say so), tried less often. */
    private static final List<String> NO_PARAMETERS = List.of("gc", "refresh-stats", "user-id-audit", "clear-caches");

    private static final String STRAY = "(a task that does not exist)";

    private static final List<String> STRAY_TASKS = List.of(PLANT + "-no-such-task", "", "%2e%2e", "CLEAR-CACHES",
            "clear-caches/", "%00", "%ED%A0%80", "gc/..", "x".repeat(5_000));

    static Arbitrary<Call> taskCalls(List<String> tasks) {
        // a task that reads parameters has more to try than one that reads none (and gc costs a full collection)
        List<Tuple.Tuple2<Integer, String>> weighted = new ArrayList<>(tasks.stream()
                .map(task -> Tuple.of(VALID_TASK_PARAMETERS.containsKey(task) || !NO_PARAMETERS.contains(task) ? 6 : 1, task))
                .toList());
        weighted.add(Tuple.of(3, STRAY));
        return Arbitraries.frequency(weighted).flatMap(task -> task.equals(STRAY)
                ? Arbitraries.of(STRAY_TASKS).flatMap(TaskCalls::taskCallsOf) : taskCallsOf(task));
    }

    private static Arbitrary<Call> taskCallsOf(String task) {
        Arbitrary<String> methods = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("POST")),
                Tuple.of(1, Arbitraries.of("GET", "PUT", "DELETE")));
        Arbitrary<Caller> callers = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Caller.NONE)),
                Tuple.of(1, Arbitraries.of(Caller.USER, Caller.ADMIN, Caller.GARBAGE_TOKEN)));
        List<String> own = List.copyOf(VALID_TASK_PARAMETERS.getOrDefault(task, Map.of()).keySet());
        List<String> names = own.isEmpty() ? ANY_TASK_PARAMETER : own;
        Arbitrary<Query> change = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(names).flatMap(name -> Arbitraries.frequencyOf(
                                Tuple.of(6, WireValues.forName(name)), Tuple.of(1, Arbitraries.just(new WireValues.Omitted())))
                        .map(v -> new Query(name, v)))),
                Tuple.of(1, Arbitraries.of(ANY_TASK_PARAMETER).flatMap(name -> WireValues.forName(name)
                        .map(v -> new Query(name, v)))),
                Tuple.of(1, WireValues.strayQuery()));
        Arbitrary<List<Query>> changes = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(6, change.list().ofSize(1)), Tuple.of(2, change.list().ofMinSize(2).ofMaxSize(3)));
        return Combinators.combine(methods, callers, changes,
                        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
                .as((method, caller, c, form) -> new TaskCall(task, method, caller, c, form));
    }

}
