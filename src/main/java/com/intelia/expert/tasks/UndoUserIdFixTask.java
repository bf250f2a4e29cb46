package com.intelia.expert.tasks;

import com.intelia.expert.core.UserIdRepairService;

import java.util.Map;

/** {@code POST /tasks/undo-user-id-fix?repair_id=[&apply=true]}: puts back exactly the rows a repair moved. */
public class UndoUserIdFixTask implements AdminTask {

    private final UserIdRepairService repairs;

    public UndoUserIdFixTask(UserIdRepairService repairs) {
        this.repairs = repairs;
    }

    @Override
    public String name() {
        return "undo-user-id-fix";
    }

    @Override
    public Object run(Map<String, String> parameters) {
        return repairs.undo(TaskParameters.uuid(parameters, "repair_id"), TaskParameters.flag(parameters, "apply"));
    }
}
