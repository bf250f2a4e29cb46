package com.intelia.expert.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The rows fix-user-id moves and records: {@code conversations} and {@code feedback} of one user_id moved to
 * another, every moved row recorded ({@code user_id_repairs}, {@code user_id_repair_rows}) so that undo moves back
 * exactly those. A repair and an undo each run in one transaction under one advisory lock, so that two never
 * interleave, across instances too; the statistics trigger moves the counts in the same transaction. Implemented
 * over Jdbi by {@link JdbiUserIdRepairStore}. A failure is a {@code JdbiException} that wrote nothing: a 503 with
 * Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface UserIdRepairStore {

    /**
     * What a repair would move: the rows of conversations and of feedback of the user, the conversations both users
     * rated (each would refuse the move), and the user's newest conversations (questions cut at 120 characters).
     */
    record Movable(long conversations, long feedback, long feedbackConflicts, List<UserIdRepairDao.SampleRow> sample) {
    }

    /** A repair applied: its id, and the rows of conversations and of feedback it moved. */
    record Moved(UUID repairId, int conversations, int feedback) {
    }

    /** A repair and the rows of conversations and of feedback it recorded, which undo would move back. */
    record Recorded(UserIdRepairDao.Repair repair, long conversations, long feedback) {
    }

    /** A repair undone and the rows of conversations and of feedback moved back. */
    record MovedBack(UserIdRepairDao.Repair repair, int conversations, int feedback) {
    }

    /** What moving {@code from} to {@code to} would move, at most {@code sampleSize} sample rows; writes nothing. */
    Movable movable(UUID from, UUID to, int sampleSize);

    /**
     * Moves every row of conversations and feedback of {@code from} to {@code to}, in one transaction under the
     * lock: the repair is recorded ({@code forced}: applied although {@code to} has no confirmed profile) with each
     * row it moves and the counts.
     *
     * @return the repair; empty when both users rated one conversation (a user rates a conversation once: SQLSTATE
     *         23505 on feedback), and nothing was changed (the task's 409)
     */
    Optional<Moved> move(UUID from, UUID to, boolean forced);

    /**
     * Counts the rows repair {@code repairId} recorded, in one transaction under the lock, after {@code check} ran
     * with the repair, locked (what it throws, a 409 for a repair undone already, reaches the caller as thrown);
     * writes nothing.
     *
     * @return empty when there is no such repair (the task's 404)
     */
    Optional<Recorded> recorded(UUID repairId, Consumer<UserIdRepairDao.Repair> check);

    /**
     * Moves exactly the rows repair {@code repairId} recorded (those still under its {@code to} user) back to its
     * {@code from} user and marks it undone, in one transaction under the lock, after {@code check} ran with the
     * repair, locked: what it throws (a 409 for a repair undone already) ends the transaction, nothing written.
     *
     * @return the repair and the rows moved back; empty when there is no such repair (the task's 404)
     */
    Optional<MovedBack> undo(UUID repairId, Consumer<UserIdRepairDao.Repair> check);
}
