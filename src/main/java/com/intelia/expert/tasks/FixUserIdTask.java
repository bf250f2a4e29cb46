package com.intelia.expert.tasks;

import com.intelia.expert.core.UserIdRepairService;

import java.util.Map;

/** {@code POST /tasks/fix-user-id?from=&to=[&apply=true][&force=true]}: dry run unless apply=true. */
public class FixUserIdTask implements AdminTask {

    private final UserIdRepairService repairs;

    public FixUserIdTask(UserIdRepairService repairs) {
        this.repairs = repairs;
    }

    @Override
    public String name() {
        return "fix-user-id";
    }

    @Override
    public Object run(Map<String, String> parameters) {
        return repairs.fix(TaskParameters.uuid(parameters, "from"), TaskParameters.uuid(parameters, "to"),
                TaskParameters.flag(parameters, "apply"), TaskParameters.flag(parameters, "force"));
    }
}
