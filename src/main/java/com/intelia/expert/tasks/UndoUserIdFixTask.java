package com.intelia.expert.tasks;

import com.intelia.expert.core.UserIdUndo;
import com.intelia.expert.core.UserIdRepairService;
import com.intelia.expert.resources.params.FlagParam;
import com.intelia.expert.resources.params.UuidParam;

import java.util.Map;

/** {@code POST /tasks/undo-user-id-fix?repair_id=[&apply=true]}: puts back exactly the rows a repair moved. */
public class UndoUserIdFixTask implements AdminTask<UserIdUndo> {

    private final UserIdRepairService repairs;

    public UndoUserIdFixTask(UserIdRepairService repairs) {
        this.repairs = repairs;
    }

    @Override
    public String name() {
        return "undo-user-id-fix";
    }

    @Override
    public UserIdUndo run(Map<String, String> parameters) {
        return repairs.undo(
                new UuidParam(parameters.get("repair_id"), "repair_id").required("the repair_id fix-user-id answered"),
                new FlagParam(parameters.get("apply"), "apply").orElse(false));
    }
}
