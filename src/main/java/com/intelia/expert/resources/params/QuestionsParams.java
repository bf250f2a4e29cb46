package com.intelia.expert.resources.params;

import com.intelia.expert.stats.QuestionsCursor;
import com.intelia.expert.stats.QuestionsQuery;
import com.intelia.expert.stats.QuestionsService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of GET /stats-fast/questions, each typed and checked as Jersey reads it: {@code page}
 * (1-based) and {@code limit} (1..100, default 20), or {@code cursor} (a next_cursor, which takes precedence over
 * page); filters {@code user_id}, {@code response_source} (a dashboard source key), {@code feedback}
 * (positive, negative, none), {@code language}, {@code from}/{@code to} (days or timestamps) and {@code q}
 * (3..200 characters). 400 naming the parameter for any mistake, including {@code to} before {@code from}.
 */
public class QuestionsParams {

    @QueryParam("page")
    @DefaultValue("1")
    private PageParam page;
    @QueryParam("limit")
    @DefaultValue("20")
    private LimitParam limit;
    @QueryParam("cursor")
    private CursorParam cursor;
    @QueryParam("user_id")
    private UuidParam userId;
    @QueryParam("response_source")
    private SourceParam responseSource;
    @QueryParam("feedback")
    private FeedbackParam feedback;
    @QueryParam("language")
    private LanguageParam language;
    @QueryParam("from")
    private DateOrTimestampParam from;
    @QueryParam("to")
    private DateOrTimestampParam to;
    @QueryParam("q")
    private SearchParam q;

    /** Jersey fills the fields. */
    public QuestionsParams() {
    }

    /** The query as checked values; 400 naming {@code to} when the period it closes with {@code from} is empty. */
    public QuestionsQuery toQuery() {
        QuestionsQuery query = new QuestionsQuery(
                page == null ? 1 : page.get(),
                limit == null ? QuestionsService.DEFAULT_LIMIT : limit.get(),
                cursor == null ? null : cursor.decode(QuestionsCursor::decode),
                Param.valueOf(userId), Param.valueOf(responseSource), Param.valueOf(feedback),
                Param.valueOf(language), bound(from), bound(to), Param.valueOf(q));
        if (query.periodIsEmpty()) {
            throw InvalidInputException.parameter("to", "must be after from");
        }
        return query;
    }

    private static QuestionsQuery.Bound bound(DateOrTimestampParam param) {
        DateOrTimestampParam.Bound bound = Param.valueOf(param);
        if (bound == null) {
            return null;
        }
        return bound.day() != null ? QuestionsQuery.Bound.day(bound.day()) : QuestionsQuery.Bound.instant(bound.instant());
    }
}
