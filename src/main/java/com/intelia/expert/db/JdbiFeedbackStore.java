package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** {@link FeedbackStore} over Jdbi, {@link ConversationDao} and {@link FeedbackDao}. */
public record JdbiFeedbackStore(Jdbi jdbi) implements FeedbackStore {

    @Override
    public Optional<Rated> rate(UUID chat, UUID rater, Integer rating, String comment, String feedbackType,
                                Consumer<UUID> ownerCheck) {
        return DeadlockRetry.run(() -> jdbi.inTransaction(handle -> {
            ConversationDao conversations = handle.attach(ConversationDao.class);
            List<ChatTurn> turns = conversations.ownActiveTurns(chat, true, ownerCheck);
            if (turns.isEmpty()) {
                return Optional.empty();
            }
            UUID[] ids = turns.stream().map(ChatTurn::id).toArray(UUID[]::new);
            FeedbackDao feedback = handle.attach(FeedbackDao.class);
            if (rating == null) {
                conversations.placeRating(ids, null, null, null);
                feedback.removeOthers(rater, ids, null);
                return Optional.of(new Rated(null, false));
            }
            UUID target = turns.get(turns.size() - 1).id();
            conversations.placeRating(ids, target, rating, comment);
            feedback.removeOthers(rater, ids, target);
            boolean created = feedback.upsert(target, rater, rating, comment, feedbackType);
            return Optional.of(new Rated(target, created));
        }));
    }

    @Override
    public Optional<ChatTurn> comment(UUID chat, UUID rater, String comment, Consumer<UUID> ownerCheck) {
        return DeadlockRetry.run(() -> jdbi.inTransaction(handle -> {
            ConversationDao conversations = handle.attach(ConversationDao.class);
            List<ChatTurn> turns = conversations.ownActiveTurns(chat, true, ownerCheck);
            if (turns.isEmpty()) {
                return Optional.empty();
            }
            ChatTurn rated = turns.stream().filter(t -> t.feedback() != null).reduce((a, b) -> b)
                    .orElse(turns.get(turns.size() - 1));
            conversations.setComment(rated.id(), comment);
            handle.attach(FeedbackDao.class).setComment(rated.id(), rater, comment);
            return Optional.of(rated);
        }));
    }
}
