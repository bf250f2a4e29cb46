package com.intelia.expert.db;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Ratings of chats: the rating of a chat's turn in {@code conversations} (feedback 1 or -1, feedback_comment) and the
 * rater's row in {@code feedback}, changed together in one transaction, run again whole on a deadlock, so that the
 * statistics trigger counts a rating in the same transaction as its rows. A chat carries one rating. Each method
 * first locks the owner's active turns of the chat and runs {@code ownerCheck} with the owner before anything is
 * written: what it throws (a 403 for another user's chat) ends the transaction, nothing written, and reaches the
 * caller as thrown. Implemented over Jdbi by {@link JdbiFeedbackStore}. A failure is a {@code JdbiException} that
 * wrote nothing: a 503 with Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else 500.
 */
public interface FeedbackStore {

    /**
     * What a rating did: the turn that carries it (null when the rating was taken back) and whether the rater's row
     * in feedback was created (false: replaced, or taken back).
     */
    record Rated(UUID turn, boolean created) {
    }

    /**
     * Puts {@code rating} (1 or -1) and {@code comment} (null for none) on the chat's latest active turn and takes
     * them off its other turns; the rater's feedback row moves to that turn, with {@code feedbackType} (free text or
     * null). A null rating takes the chat's rating and comment off all its turns, and the rater's rows with them.
     *
     * @return empty when the chat has no active turn (unknown or deleted: the caller's 404), nothing written
     */
    Optional<Rated> rate(UUID chat, UUID rater, Integer rating, String comment, String feedbackType,
                         Consumer<UUID> ownerCheck);

    /**
     * Replaces the comment ({@code null} removes it) on the chat's rated turn (its latest turn carrying a rating,
     * else its latest turn) and on the rater's feedback row of that turn, if the rater has one.
     *
     * @return the turn commented, as read before the change (id and rating, null when not rated); empty when the
     *         chat has no active turn (the caller's 404), nothing written
     */
    Optional<ChatTurn> comment(UUID chat, UUID rater, String comment, Consumer<UUID> ownerCheck);
}
