package com.intelia.expert.stats;

import com.intelia.expert.api.CacheInfo;
import com.intelia.expert.api.QuestionsPage;
import com.intelia.expert.db.QuestionFilter;
import com.intelia.expert.db.QuestionRow;
import com.intelia.expert.db.QuestionSearch;
import com.intelia.expert.db.QuestionPeriodsDao;
import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.directory.UserDirectory;
import jakarta.ws.rs.ForbiddenException;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Q&A page of the admin pages: questions newest first with filters, text search and pages. Admins see every
 * user's questions, other users only their own. With no filter, or one of user, source or feedback, with or
 * without from/to, the rollups count the list per day or month ({@link QuestionPeriods}): total is exact and every
 * page number, the last included, is found by skipping within one period only. With language, q, or two of those
 * filters, total comes from a count that stops at {@link #COUNT_CAP} (exact below it; at the cap it is a lower
 * bound and pagination.total_exact says so), and pages that start deeper than {@link #MAX_OFFSET} rows are reached
 * with the returned next_cursor. A page past the last one is empty and carries the total.
 */
public class QuestionsService {

    public static final int DEFAULT_LIMIT = 20;
    static final long COUNT_CAP = 10_000;
    public static final long MAX_OFFSET = 100_000;

    private final ReadDatabase reads;
    private final UserDirectory directory;
    private final Clock clock;

    /** A page number that would skip more than {@link #MAX_OFFSET} rows of a list the rollups do not count. */
    public static final class PageTooDeepException extends RuntimeException {
        PageTooDeepException() {
            super("page starts deeper than " + MAX_OFFSET + " rows");
        }
    }

    /** reads: the read node with the primary behind it, or the primary (a page may lack the last moment's saves). */
    public QuestionsService(ReadDatabase reads, UserDirectory directory, Clock clock) {
        this.reads = reads;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * One page for the caller; page N holds the rows OFFSET (N - 1) * limit of the list ordered by (created_at, id)
     * descending, as next_cursor does. A non-admin asking for another user's questions: ForbiddenException (403). A
     * page number that skips more than {@link #MAX_OFFSET} rows of a list the rollups do not count:
     * {@link PageTooDeepException}.
     */
    public QuestionsPage questions(UUID callerId, boolean admin, QuestionsQuery query) {
        int limit = query.limit();
        QuestionsCursor cursor = query.cursor();
        long page = cursor != null ? cursor.page() : query.page();
        UUID userId = userFilter(callerId, admin, query.userId());
        QuestionFilter filter = new QuestionFilter(userId,
                query.sourceKey() == null ? null : SourceKeys.storedValues(query.sourceKey()),
                query.feedback() == null ? null : query.feedback().code(), query.language(),
                query.from() == null ? null : query.from().start(),
                query.to() == null ? null : query.to().endExclusive(), query.search());

        long offset = cursor == null ? (page - 1) * limit : 0;
        Result result = reads.inTransaction(handle -> {
            // the counts that locate a page and the page itself are read from one snapshot
            handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            QuestionSearch search = new QuestionSearch(handle);
            Optional<QuestionPeriods> periods = QuestionPeriods.of(filter, handle.attach(QuestionPeriodsDao.class),
                    search);
            if (periods.isPresent()) {
                return fromPeriods(search, periods.get(), filter, cursor, offset, limit);
            }
            long total = search.count(filter, COUNT_CAP);
            boolean exact = total < COUNT_CAP;
            if (cursor == null && exact && offset >= total) {
                return new Result(List.of(), total, true);
            }
            if (cursor == null && offset > MAX_OFFSET) {
                throw new PageTooDeepException();
            }
            List<QuestionRow> rows = search.page(filter, cursor == null ? null : cursor.createdAt(),
                    cursor == null ? null : cursor.id(), offset, limit + 1);
            return new Result(rows, total, exact);
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
                    SourceKeys.display(row.responseSource()), row.responseConfidence(),
                    row.processingTimeMs() == null ? null : row.processingTimeMs() / 1000.0, row.language(),
                    row.sessionId(), row.feedback(), row.feedbackComment(), row.userId(), user.status()));
        }
        long total = result.total();
        long pages = (total + limit - 1) / limit;
        String now = clock.instant().toString();
        return new QuestionsPage(CacheInfo.notCached(now, "read at request time, index-backed"), questions,
                new QuestionsPage.Pagination(page, limit, total, pages, hasNext, page > 1, next, result.exact()),
                new QuestionsPage.Meta(questions.size(), admin ? "admin" : "user", now), next);
    }

    private record Result(List<QuestionRow> rows, long total, boolean exact) {
    }

    /** A page of a list the rollups count: exact total, and any page number located through the periods. */
    private static Result fromPeriods(QuestionSearch search, QuestionPeriods periods, QuestionFilter filter,
                                      QuestionsCursor cursor, long offset, int limit) {
        if (cursor != null) {
            return new Result(search.page(filter, cursor.createdAt(), cursor.id(), 0, limit + 1), periods.total(), true);
        }
        List<QuestionRow> rows = periods.locate(offset)
                .map(at -> search.pageAt(filter, at.period().start(), at.period().end(), at.period().rows(), at.skip(),
                        limit + 1))
                .orElse(List.of());
        return new Result(rows, periods.total(), true);
    }

    /** Admins may filter by any user or none; other users see only their own questions. */
    private static UUID userFilter(UUID callerId, boolean admin, UUID requested) {
        if (admin) {
            return requested;
        }
        if (requested != null && !requested.equals(callerId)) {
            throw new ForbiddenException("user_id: you may only list your own questions");
        }
        return callerId;
    }

    private static String iso(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
