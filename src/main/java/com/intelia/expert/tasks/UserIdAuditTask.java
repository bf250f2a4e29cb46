package com.intelia.expert.tasks;

import com.intelia.expert.core.UserIdAuditReport;
import com.intelia.expert.core.UserIdAuditService;

import java.util.Map;

/** {@code POST /tasks/user-id-audit}: every user_id with conversations and no profile, and what to do. */
public class UserIdAuditTask implements AdminTask<UserIdAuditReport> {

    private final UserIdAuditService audit;

    public UserIdAuditTask(UserIdAuditService audit) {
        this.audit = audit;
    }

    @Override
    public String name() {
        return "user-id-audit";
    }

    @Override
    public UserIdAuditReport run(Map<String, String> parameters) {
        return audit.audit();
    }
}
