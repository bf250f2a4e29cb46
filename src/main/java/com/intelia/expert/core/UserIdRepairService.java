package com.intelia.expert.core;

import com.intelia.expert.db.SqlStates;
import com.intelia.expert.db.UserIdRepairDao;
import com.intelia.expert.directory.ProfileLookup;
import com.intelia.expert.directory.UserDirectory;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The guide's option A: conversations and feedback saved under a user_id with no profile move to the
 * right user, in one transaction under an advisory lock, recorded row by row so that the repair can
 * be undone exactly. Without apply it only says what would happen.
 */
public class UserIdRepairService {

    private static final Logger LOG = LoggerFactory.getLogger(UserIdRepairService.class);
    private static final int SAMPLE_SIZE = 5;

    private final Jdbi jdbi;
    private final UserDirectory directory;

    public UserIdRepairService(Jdbi jdbi, UserDirectory directory) {
        this.jdbi = jdbi;
        this.directory = directory;
    }

    /**
     * Moves the conversations and feedback of {@code from} (a user_id without profile) to {@code to}. Without
     * {@code apply}: a {@link UserIdFix.Preview}, nothing changed. With it: one transaction under an advisory lock,
     * every moved row recorded for undo, a {@link UserIdFix.Applied}. Refusals (the task answers them as JSON):
     * {@code to} without a profile, or not confirmable while the directory is down, unless {@code force}: 409; both
     * users rated one conversation: 409, nothing changed. {@code from} equal to {@code to}: IllegalArgumentException
     * (the task refuses it before, with a 400).
     */
    public UserIdFix fix(UUID from, UUID to, boolean apply, boolean force) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("from and to are the same user_id; the task refuses that first");
        }
        Map<UUID, ProfileLookup> profiles = directory.lookup(List.of(from, to));
        ProfileLookup target = profiles.get(to);
        String refusal = switch (target.status()) {
            case FOUND -> null;
            case MISSING -> "to " + to + " has no profile in the user directory; fix the target or pass force=true";
            case UNAVAILABLE -> "cannot confirm that to " + to + " has a profile (" + target.reason()
                    + "); retry when the directory answers, or pass force=true";
        };
        String fromStatus = status(profiles.get(from));
        String toStatus = status(target);
        if (!apply) {
            return jdbi.withExtension(UserIdRepairDao.class, dao -> new UserIdFix.Preview(from, to, fromStatus, toStatus,
                    true, dao.countConversations(from), dao.countFeedback(from), dao.countFeedbackConflicts(from, to),
                    dao.sample(from, SAMPLE_SIZE).stream().map(row -> new UserIdFix.SampleRow(row.id(),
                            row.createdAt().toInstant().toString(), row.question())).toList(),
                    refusal == null || force ? null : refusal));
        }
        if (refusal != null && !force) {
            throw new ClientErrorException(refusal, 409);
        }
        try {
            return apply(from, to, force, fromStatus, toStatus);
        } catch (JdbiException e) {
            if (isUniqueViolation(e)) {
                throw new ClientErrorException("nothing was changed: " + from + " and " + to + " both rated the same"
                        + " conversation, and a user rates a conversation once; delete one of the two ratings"
                        + " (see feedback_conflicts in the dry run) and apply again", 409);
            }
            throw e;
        }
    }

    private UserIdFix.Applied apply(UUID from, UUID to, boolean force, String fromStatus, String toStatus) {
        return jdbi.inTransaction(handle -> {
            UserIdRepairDao dao = handle.attach(UserIdRepairDao.class);
            dao.lock();
            UUID repair = dao.createRepair(from, to, force);
            dao.recordConversations(repair, from);
            dao.recordFeedback(repair, from);
            int conversations = dao.moveConversations(repair, from, to);
            int feedback = dao.moveFeedback(repair, from, to);
            dao.recordCounts(repair, conversations, feedback);
            LOG.info("Repair {}: moved {} conversations and {} feedback rows from user {} to user {}{}", repair,
                    conversations, feedback, from, to, force ? " (forced)" : "");
            return new UserIdFix.Applied(from, to, fromStatus, toStatus, false, repair, conversations, feedback,
                    "POST /tasks/undo-user-id-fix?repair_id=" + repair + "&apply=true");
        });
    }

    /**
     * Moves back exactly the rows repair {@code repairId} recorded, in one transaction. Without {@code apply}: a
     * {@link UserIdUndo.Preview}. Unknown repair: NotFoundException (404); already undone: 409.
     */
    public UserIdUndo undo(UUID repairId, boolean apply) {
        return jdbi.inTransaction(handle -> {
            UserIdRepairDao dao = handle.attach(UserIdRepairDao.class);
            dao.lock();
            UserIdRepairDao.Repair repair = dao.lockRepair(repairId)
                    .orElseThrow(() -> new NotFoundException("no repair with id " + repairId));
            if (repair.undoneAt() != null) {
                throw new ClientErrorException("repair " + repairId + " was already undone at "
                        + repair.undoneAt().toInstant(), 409);
            }
            if (!apply) {
                return new UserIdUndo.Preview(repairId, repair.fromUserId(), repair.toUserId(), true,
                        dao.countRecorded(repairId, "conversations"), dao.countRecorded(repairId, "feedback"));
            }
            int conversations = dao.moveConversations(repairId, repair.toUserId(), repair.fromUserId());
            int feedback = dao.moveFeedback(repairId, repair.toUserId(), repair.fromUserId());
            dao.markUndone(repairId);
            LOG.info("Repair {} undone: {} conversations and {} feedback rows back to user {}", repairId,
                    conversations, feedback, repair.fromUserId());
            return new UserIdUndo.Applied(repairId, repair.fromUserId(), repair.toUserId(), false, conversations,
                    feedback);
        });
    }

    private static boolean isUniqueViolation(Throwable e) {
        return SqlStates.any(e, "23505"::equals);
    }

    private static String status(ProfileLookup lookup) {
        return lookup == null ? "unavailable" : lookup.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
