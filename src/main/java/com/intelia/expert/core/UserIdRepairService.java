package com.intelia.expert.core;

import com.intelia.expert.db.UserIdRepairDao;
import com.intelia.expert.db.UserIdRepairStore;
import com.intelia.expert.directory.ProfileLookup;
import com.intelia.expert.directory.UserDirectory;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The guide's option A: conversations and feedback saved under a user_id with no profile move to the
 * right user, in one transaction under an advisory lock, recorded row by row so that the repair can
 * be undone exactly. Without apply it only says what would happen.
 */
public class UserIdRepairService {

    private static final Logger LOG = LoggerFactory.getLogger(UserIdRepairService.class);
    private static final int SAMPLE_SIZE = 5;

    private final UserIdRepairStore store;
    private final UserDirectory directory;

    public UserIdRepairService(UserIdRepairStore store, UserDirectory directory) {
        this.store = store;
        this.directory = directory;
    }

    /**
     * Moves the conversations and feedback of {@code from} (a user_id without profile) to {@code to}; both users'
     * profile statuses are looked up in the directory first.
     *
     * @return without {@code apply}, a {@link UserIdFix.Preview}, nothing changed: the rows of conversations and of
     *         feedback that would move, the conversations both users rated, at most five sample conversations, and
     *         the refusal applying would meet ({@code would_refuse}, null when none or when {@code force}); with
     *         {@code apply}, a {@link UserIdFix.Applied}: one transaction under an advisory lock, every moved row
     *         recorded, the repair's id and the rows moved, and the undo call
     * @throws ClientErrorException 409, nothing changed: {@code to} has no profile, or the directory cannot confirm
     *         it now, and {@code force} is false; or both users rated one conversation (delete one rating first)
     * @throws IllegalArgumentException {@code from} equals {@code to} (fix-user-id refuses that first, with a 400)
     * @throws org.jdbi.v3.core.JdbiException the database failed, nothing changed: fix-user-id answers 503 with
     *         Retry-After when PostgreSQL is unavailable now, else 500
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
            UserIdRepairStore.Movable movable = store.movable(from, to, SAMPLE_SIZE);
            return new UserIdFix.Preview(from, to, fromStatus, toStatus, true, movable.conversations(),
                    movable.feedback(), movable.feedbackConflicts(), movable.sample().stream()
                            .map(row -> new UserIdFix.SampleRow(row.id(), row.createdAt().toInstant().toString(),
                                    row.question())).toList(),
                    refusal == null || force ? null : refusal);
        }
        if (refusal != null && !force) {
            throw new ClientErrorException(refusal, 409);
        }
        UserIdRepairStore.Moved moved = store.move(from, to, force).orElseThrow(() -> new ClientErrorException(
                "nothing was changed: " + from + " and " + to + " both rated the same conversation, and a user rates"
                        + " a conversation once; delete one of the two ratings (see feedback_conflicts in the dry run)"
                        + " and apply again", 409));
        LOG.info("Repair {}: moved {} conversations and {} feedback rows from user {} to user {}{}", moved.repairId(),
                moved.conversations(), moved.feedback(), from, to, force ? " (forced)" : "");
        return new UserIdFix.Applied(from, to, fromStatus, toStatus, false, moved.repairId(), moved.conversations(),
                moved.feedback(), "POST /tasks/undo-user-id-fix?repair_id=" + moved.repairId() + "&apply=true");
    }

    /**
     * Moves back exactly the rows repair {@code repairId} recorded (those still under its {@code to} user) to its
     * {@code from} user and marks the repair undone, in one transaction under the repairs' advisory lock.
     *
     * @return without {@code apply}, a {@link UserIdUndo.Preview}, nothing changed: the rows of conversations and
     *         of feedback the repair recorded; with {@code apply}, a {@link UserIdUndo.Applied}: the rows moved back
     * @throws NotFoundException 404: no repair has this id
     * @throws ClientErrorException 409, nothing changed: the repair was undone already (its time in the message)
     * @throws org.jdbi.v3.core.JdbiException the database failed, nothing changed: undo-user-id-fix answers 503 with
     *         Retry-After when PostgreSQL is unavailable now, else 500
     */
    public UserIdUndo undo(UUID repairId, boolean apply) {
        Consumer<UserIdRepairDao.Repair> notUndone = repair -> {
            if (repair.undoneAt() != null) {
                throw new ClientErrorException("repair " + repairId + " was already undone at "
                        + repair.undoneAt().toInstant(), 409);
            }
        };
        if (!apply) {
            UserIdRepairStore.Recorded recorded = store.recorded(repairId, notUndone)
                    .orElseThrow(() -> unknownRepair(repairId));
            return new UserIdUndo.Preview(repairId, recorded.repair().fromUserId(), recorded.repair().toUserId(), true,
                    recorded.conversations(), recorded.feedback());
        }
        UserIdRepairStore.MovedBack back = store.undo(repairId, notUndone).orElseThrow(() -> unknownRepair(repairId));
        LOG.info("Repair {} undone: {} conversations and {} feedback rows back to user {}", repairId,
                back.conversations(), back.feedback(), back.repair().fromUserId());
        return new UserIdUndo.Applied(repairId, back.repair().fromUserId(), back.repair().toUserId(), false,
                back.conversations(), back.feedback());
    }

    private static NotFoundException unknownRepair(UUID repairId) {
        return new NotFoundException("no repair with id " + repairId);
    }

    private static String status(ProfileLookup lookup) {
        return lookup == null ? "unavailable" : lookup.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
