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

import java.util.LinkedHashMap;
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

    public Map<String, Object> fix(UUID from, UUID to, boolean apply, boolean force) {
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
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("from", from);
        result.put("to", to);
        result.put("from_profile_status", status(profiles.get(from)));
        result.put("to_profile_status", status(target));
        if (!apply) {
            return jdbi.withExtension(UserIdRepairDao.class, dao -> {
                result.put("dry_run", true);
                result.put("conversations", dao.countConversations(from));
                result.put("feedback", dao.countFeedback(from));
                long conflicts = dao.countFeedbackConflicts(from, to);
                result.put("feedback_conflicts", conflicts);
                result.put("sample", dao.sample(from, SAMPLE_SIZE).stream().map(row -> Map.of(
                        "id", row.id(), "created_at", row.createdAt().toInstant().toString(),
                        "question", row.question())).toList());
                result.put("would_refuse", refusal == null || force ? null : refusal);
                return result;
            });
        }
        if (refusal != null && !force) {
            throw new ClientErrorException(refusal, 409);
        }
        try {
            return apply(from, to, force, result);
        } catch (JdbiException e) {
            if (isUniqueViolation(e)) {
                throw new ClientErrorException("nothing was changed: " + from + " and " + to + " both rated the same"
                        + " conversation, and a user rates a conversation once; delete one of the two ratings"
                        + " (see feedback_conflicts in the dry run) and apply again", 409);
            }
            throw e;
        }
    }

    private Map<String, Object> apply(UUID from, UUID to, boolean force, Map<String, Object> result) {
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
            result.put("dry_run", false);
            result.put("repair_id", repair);
            result.put("conversations_moved", conversations);
            result.put("feedback_moved", feedback);
            result.put("undo", "POST /tasks/undo-user-id-fix?repair_id=" + repair + "&apply=true");
            return result;
        });
    }

    public Map<String, Object> undo(UUID repairId, boolean apply) {
        return jdbi.inTransaction(handle -> {
            UserIdRepairDao dao = handle.attach(UserIdRepairDao.class);
            dao.lock();
            UserIdRepairDao.Repair repair = dao.lockRepair(repairId)
                    .orElseThrow(() -> new NotFoundException("no repair with id " + repairId));
            if (repair.undoneAt() != null) {
                throw new ClientErrorException("repair " + repairId + " was already undone at "
                        + repair.undoneAt().toInstant(), 409);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("repair_id", repairId);
            result.put("from", repair.fromUserId());
            result.put("to", repair.toUserId());
            if (!apply) {
                result.put("dry_run", true);
                result.put("conversations", dao.countRecorded(repairId, "conversations"));
                result.put("feedback", dao.countRecorded(repairId, "feedback"));
                return result;
            }
            int conversations = dao.moveConversations(repairId, repair.toUserId(), repair.fromUserId());
            int feedback = dao.moveFeedback(repairId, repair.toUserId(), repair.fromUserId());
            dao.markUndone(repairId);
            LOG.info("Repair {} undone: {} conversations and {} feedback rows back to user {}", repairId,
                    conversations, feedback, repair.fromUserId());
            result.put("dry_run", false);
            result.put("conversations_restored", conversations);
            result.put("feedback_restored", feedback);
            return result;
        });
    }

    private static boolean isUniqueViolation(Throwable e) {
        return SqlStates.any(e, "23505"::equals);
    }

    private static String status(ProfileLookup lookup) {
        return lookup == null ? "unavailable" : lookup.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
