package com.intelia.expert.tasks;

import com.intelia.expert.core.UserIdFix;
import com.intelia.expert.core.UserIdRepairService;
import com.intelia.expert.resources.params.FlagParam;
import com.intelia.expert.resources.params.InvalidInputException;
import com.intelia.expert.resources.params.UuidParam;

import java.util.Map;
import java.util.UUID;

/** {@code POST /tasks/fix-user-id?from=&to=[&apply=true][&force=true]}: dry run unless apply=true. */
public class FixUserIdTask implements AdminTask<UserIdFix> {

    private final UserIdRepairService repairs;

    public FixUserIdTask(UserIdRepairService repairs) {
        this.repairs = repairs;
    }

    @Override
    public String name() {
        return "fix-user-id";
    }

    @Override
    public UserIdFix run(Map<String, String> parameters) {
        UUID from = new UuidParam(parameters.get("from"), "from").required("the orphan user_id, " + UuidParam.EXAMPLE);
        UUID to = new UuidParam(parameters.get("to"), "to").required("the real user's id, " + UuidParam.EXAMPLE);
        if (from.equals(to)) {
            throw InvalidInputException.parameter("to", "is the same user_id as from; nothing to repair");
        }
        return repairs.fix(from, to,
                new FlagParam(parameters.get("apply"), "apply").orElse(false),
                new FlagParam(parameters.get("force"), "force").orElse(false));
    }
}
