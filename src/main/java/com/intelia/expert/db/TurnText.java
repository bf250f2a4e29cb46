package com.intelia.expert.db;

import java.util.UUID;

/** The full question and answer of one turn (the answer may be null or empty). */
public record TurnText(UUID id, String question, String response) {
}
