package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** {@link RollupStore} over Jdbi and {@link RollupDao}. */
public record JdbiRollupStore(Jdbi jdbi) implements RollupStore {

    @Override
    public Rebuilt rebuild() {
        return jdbi.inTransaction(handle -> {
            RollupDao rollups = new RollupDao(handle);
            rollups.lockConversations();
            Map<String, Long> drift = rollups.drift();
            return new Rebuilt(drift, rollups.rebuild());
        });
    }

    @Override
    public Map<String, Long> drift() {
        return jdbi.inTransaction(handle -> new RollupDao(handle).drift());
    }

    @Override
    public Optional<Compacted> compactBefore(LocalDate today) {
        return jdbi.inTransaction(handle -> {
            RollupDao rollups = new RollupDao(handle);
            if (!rollups.tryLockFolding()) {
                return Optional.empty();
            }
            int folded = rollups.fold();
            return Optional.of(new Compacted(folded, rollups.compactBefore(today)));
        });
    }

    @Override
    public int fold() {
        return jdbi.inTransaction(handle -> new RollupDao(handle).fold());
    }
}
