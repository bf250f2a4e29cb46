package com.intelia.expert.resources.params;

import jakarta.ws.rs.WebApplicationException;

/**
 * What the client sent cannot be used; answered as {@code {"code", "message"}} with a message that names the
 * field and the rule it broke, never the value received. Every endpoint and admin task uses the same status for
 * the same kind of mistake:
 *
 * <table>
 *   <caption>Status per kind of mistake</caption>
 *   <tr><th>Kind</th><th>Status</th><th>Example message</th></tr>
 *   <tr><td>A query, path or task parameter that is malformed, out of its range, too long, or holds a character
 *       PostgreSQL cannot store; or parameters that contradict each other</td><td>400</td>
 *       <td>{@code page must be a whole number between 1 and 100000000}</td></tr>
 *   <tr><td>A body that is not JSON, or a field of the wrong JSON type (see JsonInputExceptionMapper)</td>
 *       <td>400</td><td>{@code conversation_id must be a UUID such as ...}</td></tr>
 *   <tr><td>A body field that is missing, out of its range, malformed, a timestamp outside the plausible period,
 *       or a string holding a character PostgreSQL cannot store</td><td>422</td>
 *       <td>{@code metadata.confidence must be between 0 and 1}</td></tr>
 *   <tr><td>A body string longer than its limit (its column's, or limits.maxTextCharacters)</td><td>413</td>
 *       <td>{@code question is longer than the limit of 100000 characters}</td></tr>
 * </table>
 * A whole body over the server's size limit is also 413, refused before it is read.
 */
public final class InvalidInputException extends WebApplicationException {

    /** The kinds of mistake, each with its one HTTP status. */
    public enum Kind {
        PARAMETER(400), FIELD(422), TOO_LONG(413);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String field;
    private final Kind kind;

    private InvalidInputException(Kind kind, String field, String rule) {
        super(field + " " + rule, kind.status());
        this.field = field;
        this.kind = kind;
    }

    /** A query, path or task parameter: 400, message "{@code name rule}". */
    public static InvalidInputException parameter(String name, String rule) {
        return new InvalidInputException(Kind.PARAMETER, name, rule);
    }

    /** A body field, by its JSON path ({@code metadata.confidence}): 422, message "{@code field rule}". */
    public static InvalidInputException field(String field, String rule) {
        return new InvalidInputException(Kind.FIELD, field, rule);
    }

    /** A body string over its limit: 413, message naming the limit in characters. */
    public static InvalidInputException tooLong(String field, long limit) {
        return new InvalidInputException(Kind.TOO_LONG, field, "is longer than the limit of " + limit + " characters");
    }

    /** The parameter or JSON path of the field at fault. */
    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }
}
