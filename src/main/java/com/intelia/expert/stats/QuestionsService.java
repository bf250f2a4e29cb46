package com.intelia.expert.stats;

import com.intelia.expert.api.CacheInfo;
import com.intelia.expert.api.QuestionsPage;
import com.intelia.expert.db.QuestionFilter;
import com.intelia.expert.db.QuestionRow;
import com.intelia.expert.db.QuestionSearch;
import com.intelia.expert.db.StatsDao;
import com.intelia.expert.directory.UserDirectory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Q&A page of the admin pages: questions newest first with filters, text search and pages. Admins see every
 * user's questions, other users only their own. total comes from the rollups when the filters allow it, otherwise
 * from a count that stops at {@link #COUNT_CAP}. Pages deeper than {@link #MAX_OFFSET} rows are reached with the
 * returned next_cursor.
 */
public class QuestionsService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final long COUNT_CAP = 10_000;
    static final long MAX_OFFSET = 100_000;
    static final int MIN_SEARCH = 3;
    static final int MAX_SEARCH = 200;

    private final Jdbi jdbi;
    private final UserDirectory directory;
    private final Clock clock;

    public QuestionsService(Jdbi jdbi, UserDirectory directory, Clock clock) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * One page for the caller. Invalid parameters: 400 naming the parameter; a non-admin asking for another
     * user's questions: 403.
     */
    public QuestionsPage questions(UUID callerId, boolean admin, QuestionsRequest request) {
        int limit = (int) integer(request.limit(), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        QuestionsCursor cursor = blank(request.cursor()) ? null : QuestionsCursor.decode(request.cursor());
        long page = cursor != null ? cursor.page() : integer(request.page(), "page", 1, 1, Long.MAX_VALUE);
        if (cursor == null && (page - 1) * limit > MAX_OFFSET) {
            throw new BadRequestException("page is too deep to skip to (more than " + MAX_OFFSET
                    + " rows); follow next_cursor from an earlier page");
        }
        UUID userId = userFilter(callerId, admin, request.userId());
        Bound from = bound(request.from(), "from", false);
        Bound to = bound(request.to(), "to", true);
        if (from != null && to != null && !from.at().isBefore(to.at())) {
            throw new BadRequestException("to must be after from");
        }
        QuestionFilter filter = new QuestionFilter(userId, label(request.responseSource(), "response_source", 50),
                feedback(request.feedback()), label(request.language(), "language", 10),
                from == null ? null : from.at(), to == null ? null : to.at(), search(request.q()));

        long offset = cursor == null ? (page - 1) * limit : 0;
        Result result = jdbi.withHandle(handle -> {
            QuestionSearch search = new QuestionSearch(handle);
            List<QuestionRow> rows = search.page(filter, cursor == null ? null : cursor.createdAt(),
                    cursor == null ? null : cursor.id(), offset, limit + 1);
            Long fromRollups = totalFromRollups(handle.attach(StatsDao.class), filter, from, to);
            long total = fromRollups != null ? fromRollups : search.count(filter, COUNT_CAP);
            return new Result(rows, total, fromRollups != null || total < COUNT_CAP);
        });

        boolean hasNext = result.rows().size() > limit;
        List<QuestionRow> rows = hasNext ? result.rows().subList(0, limit) : result.rows();
        String next = null;
        if (hasNext) {
            QuestionRow last = rows.get(rows.size() - 1);
            next = new QuestionsCursor(page + 1, last.createdAt(), last.id()).encode();
        }
        Map<UUID, UserLabels> labels = UserLabels.of(directory, rows.stream().map(QuestionRow::userId).toList());
        List<QuestionsPage.Question> questions = new ArrayList<>();
        for (QuestionRow row : rows) {
            UserLabels user = labels.get(row.userId());
            questions.add(new QuestionsPage.Question(row.id().toString(), iso(row.createdAt()), user.email(),
                    user.displayName(), row.question(), row.response(), row.responseSource(),
                    SourceLabels.display(row.responseSource()), row.responseConfidence(),
                    row.processingTimeMs() == null ? null : row.processingTimeMs() / 1000.0, row.language(),
                    row.sessionId(), row.feedback(), row.feedbackComment(), row.userId(), user.status()));
        }
        long total = Math.max(result.total(), offset + rows.size());
        long pages = (total + limit - 1) / limit;
        String now = clock.instant().toString();
        return new QuestionsPage(CacheInfo.notCached(now, "read at request time, index-backed"), questions,
                new QuestionsPage.Pagination(page, limit, total, pages, hasNext, page > 1, next,
                        result.exact() && total == result.total()),
                new QuestionsPage.Meta(questions.size(), admin ? "admin" : "user", now), next);
    }

    private record Result(List<QuestionRow> rows, long total, boolean exact) {
    }

    private record Bound(OffsetDateTime at, LocalDate date) {
    }

    /** The rollups answer total when the filters are whole days plus at most one of user, source or feedback. */
    private static Long totalFromRollups(StatsDao stats, QuestionFilter filter, Bound from, Bound to) {
        if (filter.language() != null || filter.search() != null) {
            return null;
        }
        boolean wholeDays = (from == null || from.date() != null) && (to == null || to.date() != null);
        if (!wholeDays) {
            return null;
        }
        LocalDate fromDay = from == null ? null : from.date();
        LocalDate toDay = to == null ? null : to.date();
        int filters = (filter.userId() != null ? 1 : 0) + (filter.responseSource() != null ? 1 : 0)
                + (filter.feedback() != null ? 1 : 0);
        if (filters == 0) {
            return stats.totalQuestions(fromDay, toDay);
        }
        if (filters > 1) {
            return null;
        }
        if (filter.userId() != null) {
            return from == null && to == null ? stats.totalForUser(filter.userId()) : null;
        }
        if (filter.responseSource() != null) {
            return stats.totalForSource(filter.responseSource(), fromDay, toDay);
        }
        if (filter.feedback() == 0) {
            return stats.totalQuestions(fromDay, toDay) - stats.totalForFeedback(1, fromDay, toDay)
                    - stats.totalForFeedback(-1, fromDay, toDay);
        }
        return stats.totalForFeedback(filter.feedback(), fromDay, toDay);
    }

    private static UUID userFilter(UUID callerId, boolean admin, String requested) {
        UUID userId = null;
        if (!blank(requested)) {
            try {
                userId = UUID.fromString(requested.trim());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("user_id must be a UUID");
            }
        }
        if (admin) {
            return userId;
        }
        if (userId != null && !userId.equals(callerId)) {
            throw new ForbiddenException("user_id: you may only list your own questions");
        }
        return callerId;
    }

    private static long integer(String value, String name, long fallback, long min, long max) {
        if (blank(value)) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number" + rangeText(min, max));
        }
        if (parsed < min || parsed > max) {
            throw new BadRequestException(name + " must be" + rangeText(min, max).replace(",", ""));
        }
        return parsed;
    }

    private static String rangeText(long min, long max) {
        return max == Long.MAX_VALUE ? ", at least " + min : ", between " + min + " and " + max;
    }

    private static String label(String value, String name, int max) {
        if (blank(value)) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw new BadRequestException(name + " must be at most " + max + " characters");
        }
        return trimmed;
    }

    private static Integer feedback(String value) {
        if (blank(value)) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "positive" -> 1;
            case "negative" -> -1;
            case "none" -> 0;
            default -> throw new BadRequestException("feedback must be one of positive, negative, none");
        };
    }

    private static String search(String q) {
        if (blank(q)) {
            return null;
        }
        String trimmed = q.strip();
        if (trimmed.length() < MIN_SEARCH || trimmed.length() > MAX_SEARCH) {
            throw new BadRequestException("q must be between " + MIN_SEARCH + " and " + MAX_SEARCH + " characters");
        }
        return trimmed;
    }

    /** A date (whole UTC day; to includes it) or an ISO-8601 timestamp with offset. */
    private static Bound bound(String value, String name, boolean end) {
        if (blank(value)) {
            return null;
        }
        String text = value.trim();
        try {
            LocalDate date = LocalDate.parse(text);
            LocalDate day = end ? date.plusDays(1) : date;
            return new Bound(day.atStartOfDay().atOffset(ZoneOffset.UTC), date);
        } catch (DateTimeParseException notADate) {
            try {
                OffsetDateTime at = OffsetDateTime.parse(text);
                return new Bound(end ? at.plusNanos(1000) : at, null);
            } catch (DateTimeParseException e) {
                throw new BadRequestException(name + " must be a date (2025-10-31) or a timestamp with offset"
                        + " (2025-10-31T22:10:34Z)");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String iso(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
