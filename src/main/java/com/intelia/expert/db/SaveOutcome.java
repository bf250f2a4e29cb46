package com.intelia.expert.db;

import java.util.UUID;

/**
 * What a save did: the turn's row id, whether that turn is its chat's first (the chat was created by it), and
 * whether this save inserted it (false: the same turn was saved before, nothing changed).
 */
public record SaveOutcome(UUID turnId, boolean firstTurn, boolean inserted) {
}
