package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** {@link UserIdRepairStore} over Jdbi and {@link UserIdRepairDao}. */
public record JdbiUserIdRepairStore(Jdbi jdbi) implements UserIdRepairStore {

    @Override
    public Movable movable(UUID from, UUID to, int sampleSize) {
        return jdbi.withExtension(UserIdRepairDao.class, dao -> new Movable(dao.countConversations(from),
                dao.countFeedback(from), dao.countFeedbackConflicts(from, to), dao.sample(from, sampleSize)));
    }

    @Override
    public Optional<Moved> move(UUID from, UUID to, boolean forced) {
        try {
            return Optional.of(jdbi.inTransaction(handle -> {
                UserIdRepairDao dao = handle.attach(UserIdRepairDao.class);
                dao.lock();
                UUID repair = dao.createRepair(from, to, forced);
                dao.recordConversations(repair, from);
                dao.recordFeedback(repair, from);
                int conversations = dao.moveConversations(repair, from, to);
                int feedback = dao.moveFeedback(repair, from, to);
                dao.recordCounts(repair, conversations, feedback);
                return new Moved(repair, conversations, feedback);
            }));
        } catch (JdbiException e) {
            if (SqlStates.any(e, "23505"::equals)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<Recorded> recorded(UUID repairId, Consumer<UserIdRepairDao.Repair> check) {
        return jdbi.inTransaction(handle -> {
            UserIdRepairDao dao = handle.attach(UserIdRepairDao.class);
            return lockRepair(dao, repairId, check).map(repair -> new Recorded(repair,
                    dao.countRecorded(repairId, "conversations"), dao.countRecorded(repairId, "feedback")));
        });
    }

    @Override
    public Optional<MovedBack> undo(UUID repairId, Consumer<UserIdRepairDao.Repair> check) {
        return jdbi.inTransaction(handle -> {
            UserIdRepairDao dao = handle.attach(UserIdRepairDao.class);
            return lockRepair(dao, repairId, check).map(repair -> {
                int conversations = dao.moveConversations(repairId, repair.toUserId(), repair.fromUserId());
                int feedback = dao.moveFeedback(repairId, repair.toUserId(), repair.fromUserId());
                dao.markUndone(repairId);
                return new MovedBack(repair, conversations, feedback);
            });
        });
    }

    /** Under the repairs' lock: the repair, locked, once {@code check} has run with it; empty when there is none. */
    private static Optional<UserIdRepairDao.Repair> lockRepair(UserIdRepairDao dao, UUID repairId,
                                                               Consumer<UserIdRepairDao.Repair> check) {
        dao.lock();
        Optional<UserIdRepairDao.Repair> repair = dao.lockRepair(repairId);
        repair.ifPresent(check);
        return repair;
    }
}
