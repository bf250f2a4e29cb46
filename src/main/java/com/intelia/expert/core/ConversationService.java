package com.intelia.expert.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.api.ConversationMetadata;
import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.ConversationSummary;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.db.ConversationDao;
import com.intelia.expert.db.ConversationWrite;
import com.intelia.expert.db.SaveOutcome;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Saves, lists and deletes conversations on behalf of a signed-in user, who may touch only their own. Requests
 * arrive checked (resources.params): required fields present, lengths, ranges and characters within what the
 * columns hold.
 */
public class ConversationService {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final ConversationWriter writer;
    private final QuestionLanguage languages;

    /** Saves each conversation in its own transaction. */
    public ConversationService(Jdbi jdbi, ObjectMapper json, Clock clock) {
        this(jdbi, json, clock, ConversationWriter.direct(jdbi));
    }

    public ConversationService(Jdbi jdbi, ObjectMapper json, Clock clock, ConversationWriter writer) {
        this(jdbi, json, clock, writer, QuestionLanguage.standard());
    }

    /** Stores each question with the language the client sent, else the one {@code languages} detects. */
    public ConversationService(Jdbi jdbi, ObjectMapper json, Clock clock, ConversationWriter writer,
                               QuestionLanguage languages) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.writer = writer;
        this.languages = languages;
    }

    /**
     * Creates or updates the conversation of a checked request. Another user's conversation: ForbiddenException
     * (403), or 409 for an admin, whose save would move it.
     */
    public SaveConversationResponse save(SaveConversationRequest request, Caller caller) {
        ConversationWrite write = toWrite(request);
        caller.requireSelfOrAdmin(write.userId(), "you may only save your own conversations");
        Optional<SaveOutcome> outcome = writer.write(write);
        if (outcome.isEmpty()) {
            if (caller.admin()) {
                throw new ClientErrorException("conversation_id " + write.id() + " belongs to another user", 409);
            }
            throw new ForbiddenException("conversation_id " + write.id() + " belongs to another user");
        }
        String status = outcome.get().created() ? "created" : "updated";
        LOG.info("Conversation {} {} for user {}", write.id(), status, write.userId());
        return new SaveConversationResponse(status, write.id(), write.userId(),
                outcome.get().created() ? "insert" : "update", clock.instant().toString());
    }

    /**
     * Up to {@code size} conversations of a user (a page size the resource checked), newest first, after the cursor
     * if any. Another user's: ForbiddenException (403) unless the caller is an admin.
     */
    public ConversationPage list(UUID userId, int size, Cursor cursor, Caller caller) {
        caller.requireSelfOrAdmin(userId, "you may only list your own conversations");
        Optional<Cursor> after = Optional.ofNullable(cursor);
        List<ConversationSummary> rows = jdbi.withExtension(ConversationDao.class, dao -> after.isEmpty()
                ? dao.firstPage(userId, size + 1)
                : dao.pageAfter(userId, after.get().createdAt(), after.get().id(), size + 1));
        List<ConversationSummary> page = rows.size() > size ? rows.subList(0, size) : rows;
        String next = null;
        if (rows.size() > size) {
            ConversationSummary last = page.get(page.size() - 1);
            next = new Cursor(OffsetDateTime.parse(last.createdAt()), last.conversationId()).encode();
        }
        return new ConversationPage(userId, List.copyOf(page), page.size(), next);
    }

    public int deleteAll(UUID userId, Caller caller) {
        caller.requireSelfOrAdmin(userId, "you may only delete your own conversations");
        int deleted = DeadlockRetry.run(() -> jdbi.withExtension(ConversationDao.class, dao -> dao.softDeleteAll(userId)));
        LOG.info("Marked {} conversations of user {} deleted", deleted, userId);
        return deleted;
    }

    private ConversationWrite toWrite(SaveConversationRequest request) {
        UUID id = request.conversationId();
        UUID userId = request.userId();
        String question = request.question();
        String response = request.response() == null ? "" : request.response();
        ConversationMetadata metadata = request.metadataOrNone();
        String source = blankToNull(metadata.responseSource() != null ? metadata.responseSource() : request.source());
        String sessionId = blankToNull(request.sessionId());
        sessionId = sessionId == null ? id.toString() : sessionId;
        String title = request.title() != null ? request.title() : Texts.shorten(question, Texts.TITLE_LENGTH);
        String preview = request.preview() != null ? request.preview() : Texts.shorten(response, Texts.PREVIEW_LENGTH);
        String lastPreview = request.lastMessagePreview() != null ? request.lastMessagePreview()
                : Texts.shorten(response.isBlank() ? question : response, Texts.PREVIEW_LENGTH);
        String language = languages.languageOf(question, metadata.language(), request.language());
        return new ConversationWrite(id, sessionId, userId, question, response, source, metadata.confidence(),
                metadata.processingTimeMs(), language, metadata.mode(), sourcesJson(metadata),
                metadata.model(), metadata.promptTokens(), metadata.completionTokens(), title, request.title(),
                preview, request.preview(), lastPreview, request.timestamp());
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
