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

import static com.intelia.expert.core.InputRules.label;
import static com.intelia.expert.core.InputRules.range;
import static com.intelia.expert.core.InputRules.required;
import static com.intelia.expert.core.InputRules.text;

/** Saves, lists and deletes conversations on behalf of a signed-in user, who may touch only their own. */
public class ConversationService {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);
    public static final int MAX_PAGE = 100;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final int maxTextCharacters;
    private final Clock clock;
    private final ConversationWriter writer;

    /** Saves each conversation in its own transaction. */
    public ConversationService(Jdbi jdbi, ObjectMapper json, int maxTextCharacters, Clock clock) {
        this(jdbi, json, maxTextCharacters, clock, ConversationWriter.direct(jdbi));
    }

    public ConversationService(Jdbi jdbi, ObjectMapper json, int maxTextCharacters, Clock clock,
                               ConversationWriter writer) {
        this.jdbi = jdbi;
        this.json = json;
        this.maxTextCharacters = maxTextCharacters;
        this.clock = clock;
        this.writer = writer;
    }

    public SaveConversationResponse save(SaveConversationRequest request, Caller caller) {
        ConversationWrite write = validate(request);
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

    public ConversationPage list(UUID userId, Integer limit, String cursor, Caller caller) {
        caller.requireSelfOrAdmin(userId, "you may only list your own conversations");
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw InputRules.invalid("limit", "must be between 1 and " + MAX_PAGE);
        }
        Optional<Cursor> after = Optional.ofNullable(cursor).filter(c -> !c.isBlank()).map(Cursor::decode);
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

    private ConversationWrite validate(SaveConversationRequest request) {
        required(request, "body");
        UUID id = required(request.conversationId(), "conversation_id");
        UUID userId = required(request.userId(), "user_id");
        String question = required(request.question(), "question");
        String response = request.response() == null ? "" : request.response();
        text(question, "question", maxTextCharacters);
        text(response, "response", maxTextCharacters);
        ConversationMetadata metadata = request.metadataOrNone();
        String source = metadata.responseSource() != null ? metadata.responseSource() : request.source();
        label(source, "metadata.response_source", 50);
        range(metadata.confidence(), "metadata.confidence", 0, 1);
        range(metadata.processingTimeMs(), "metadata.processing_time_ms", 0, 86_400_000);
        label(metadata.language(), "metadata.language", 10);
        label(metadata.mode(), "metadata.mode", 50);
        label(metadata.model(), "metadata.model", 100);
        range(metadata.promptTokens(), "metadata.prompt_tokens", 0, 10_000_000);
        range(metadata.completionTokens(), "metadata.completion_tokens", 0, 10_000_000);
        if (request.sessionId() != null && !request.sessionId().isBlank() && !Uuids.isCanonical(request.sessionId().trim())) {
            // the chat's id; the original database keeps session_id as uuid (DESIGN.md, "The original database")
            throw InputRules.invalid("session_id", "must be a UUID (the chat's id)");
        }
        label(request.title(), "title", 255);
        text(request.preview(), "preview", maxTextCharacters);
        text(request.lastMessagePreview(), "last_message_preview", maxTextCharacters);
        String sessionId = request.sessionId() == null || request.sessionId().isBlank() ? id.toString()
                : request.sessionId().trim();
        String title = request.title() != null ? request.title() : Texts.shorten(question, Texts.TITLE_LENGTH);
        String preview = request.preview() != null ? request.preview() : Texts.shorten(response, Texts.PREVIEW_LENGTH);
        String lastPreview = request.lastMessagePreview() != null ? request.lastMessagePreview()
                : Texts.shorten(response.isBlank() ? question : response, Texts.PREVIEW_LENGTH);
        return new ConversationWrite(id, sessionId, userId, question, response, source, metadata.confidence(),
                metadata.processingTimeMs(), metadata.language(), metadata.mode(), sourcesJson(metadata),
                metadata.model(), metadata.promptTokens(), metadata.completionTokens(), title, request.title(),
                preview, request.preview(), lastPreview, request.timestamp());
    }

    private String sourcesJson(ConversationMetadata metadata) {
        if (metadata.sources() == null || metadata.sources().isNull()) {
            return null;
        }
        try {
            String text = json.writeValueAsString(metadata.sources());
            text(text, "metadata.sources", maxTextCharacters);
            return text;
        } catch (JsonProcessingException e) {
            throw InputRules.invalid("metadata.sources", "must be JSON");
        }
    }
}
