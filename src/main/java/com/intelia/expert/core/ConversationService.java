package com.intelia.expert.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.api.ConversationMetadata;
import com.intelia.expert.api.ConversationsDeleted;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.db.ChatStore;
import com.intelia.expert.db.ConversationDao;
import com.intelia.expert.db.ConversationWrite;
import com.intelia.expert.db.SaveOutcome;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Saves and deletes chats on behalf of a signed-in user, who may touch only their own. A chat is a conversation id
 * (the frontend's, reused for each follow-up question); each save is one turn of it, a row of the conversations table
 * whose session_id is the chat's id. Every turn is kept: the history, the admin questions list and the statistics
 * count turns. Requests arrive checked (resources.params).
 */
public class ConversationService {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    private final ChatStore chats;
    private final ObjectMapper json;
    private final Clock clock;
    private final ConversationWriter writer;
    private final QuestionLanguage languages;

    /** Saves through {@code writer} (SaveBatcher, or ConversationWriter.direct), deletes through {@code chats}. */
    public ConversationService(ChatStore chats, ObjectMapper json, Clock clock, ConversationWriter writer) {
        this(chats, json, clock, writer, QuestionLanguage.standard());
    }

    /** Stores each question with the language the client sent, else the one {@code languages} detects. */
    public ConversationService(ChatStore chats, ObjectMapper json, Clock clock, ConversationWriter writer,
                               QuestionLanguage languages) {
        this.chats = chats;
        this.json = json;
        this.clock = clock;
        this.writer = writer;
        this.languages = languages;
    }

    /**
     * Adds the turn of a checked request to its chat (creating the chat with its first turn); saving a turn the chat
     * already holds (same question and answer) changes nothing. A chat of another user: ForbiddenException (403), or
     * 409 for an admin, whose save would mix two users' turns.
     */
    public SaveConversationResponse save(SaveConversationRequest request, Caller caller) {
        ConversationWrite write = toWrite(request);
        caller.requireSelfOrAdmin(write.userId(), "you may only save your own conversations");
        Optional<SaveOutcome> saved = writer.write(write);
        if (saved.isEmpty()) {
            if (caller.admin()) {
                throw new ClientErrorException("conversation_id " + write.conversationId() + " belongs to another user",
                        409);
            }
            throw new ForbiddenException("conversation_id " + write.conversationId() + " belongs to another user");
        }
        SaveOutcome outcome = saved.get();
        String action = !outcome.inserted() ? "unchanged" : outcome.firstTurn() ? "insert" : "append";
        LOG.info("Conversation {} turn {}: {} for user {}", write.conversationId(), outcome.turnId(), action,
                write.userId());
        return new SaveConversationResponse(outcome.firstTurn() ? "created" : "updated", write.conversationId(),
                write.userId(), action, clock.instant().toString(), outcome.turnId());
    }

    /**
     * Marks every turn of a chat deleted. A chat without active turns (unknown, or deleted already): NotFoundException
     * (404); another user's: ForbiddenException (403) unless the caller is an admin.
     */
    public ConversationsDeleted delete(UUID chat, Caller caller) {
        int turns = chats.deleteChat(chat, caller.selfOrAdmin("you may only delete your own conversations"))
                .orElseThrow(() -> ChatHistory.gone(chat));
        LOG.info("Marked conversation {} deleted ({} turns)", chat, turns);
        return new ConversationsDeleted("deleted", "1 conversation deleted", 1, turns);
    }

    /** Marks every chat of a user deleted. Another user's: ForbiddenException (403) unless the caller is an admin. */
    public ConversationsDeleted deleteAll(UUID userId, Caller caller) {
        caller.requireSelfOrAdmin(userId, "you may only delete your own conversations");
        ConversationDao.DeletedCounts deleted = chats.deleteAllChats(userId);
        LOG.info("Marked {} conversations ({} turns) of user {} deleted", deleted.chats(), deleted.turns(), userId);
        String words = deleted.chats() + (deleted.chats() == 1 ? " conversation" : " conversations") + " deleted";
        return new ConversationsDeleted("deleted", words, deleted.chats(), deleted.turns());
    }

    private ConversationWrite toWrite(SaveConversationRequest request) {
        UUID id = request.conversationId();
        String question = request.question();
        String response = request.response() == null ? "" : request.response();
        ConversationMetadata metadata = request.metadataOrNone();
        String source = blankToNull(metadata.responseSource() != null ? metadata.responseSource() : request.source());
        String title = request.title() != null ? request.title() : Texts.shorten(question, Texts.TITLE_LENGTH);
        String preview = request.preview() != null ? request.preview() : Texts.shorten(question, Texts.PREVIEW_LENGTH);
        String lastPreview = request.lastMessagePreview() != null ? request.lastMessagePreview()
                : Texts.shorten(response.isBlank() ? question : response, Texts.PREVIEW_LENGTH);
        String language = languages.languageOf(question, metadata.language(), request.language());
        return new ConversationWrite(id, TurnIds.later(id, question, response), request.userId(), question, response,
                source, metadata.confidence(), metadata.processingTimeMs(), language, metadata.mode(),
                sourcesJson(metadata), metadata.model(), metadata.promptTokens(), metadata.completionTokens(), title,
                preview, lastPreview, request.timestamp());
    }

    /** Stripped, or null when blank: the dashboard and the questions filter read sources without spaces. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String sourcesJson(ConversationMetadata metadata) {
        if (metadata.sources() == null || metadata.sources().isNull()) {
            return null;
        }
        try {
            return json.writeValueAsString(metadata.sources());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree read from a request could not be written back", e);
        }
    }
}
