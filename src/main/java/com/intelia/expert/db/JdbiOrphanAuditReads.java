package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link OrphanAuditReads} over Jdbi, {@link OrphanAuditDao} and {@link EmailClaimDao}. */
public record JdbiOrphanAuditReads(Jdbi jdbi) implements OrphanAuditReads {

    @Override
    public List<UUID> usersWithConversations() {
        return jdbi.withExtension(OrphanAuditDao.class, OrphanAuditDao::usersWithConversations);
    }

    @Override
    public List<Activity> activity(List<UUID> userIds) {
        return jdbi.withHandle(handle -> {
            EmailClaimDao emails = handle.attach(EmailClaimDao.class);
            List<Activity> activity = new ArrayList<>();
            for (OrphanAuditDao.UserActivity user : handle.attach(OrphanAuditDao.class)
                    .activity(userIds.toArray(UUID[]::new))) {
                activity.add(new Activity(user, emails.emailsOf(user.userId())));
            }
            return activity;
        });
    }
}
