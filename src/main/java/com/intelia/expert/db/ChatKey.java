package com.intelia.expert.db;

import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * A chat's id bound for comparison with {@code conversations.session_id}, whose type is uuid on a database the
 * original backend created and text on one this service created: bound untyped, so that PostgreSQL reads it as the
 * column's type and its index on session_id applies. Only canonical UUIDs are built here (a uuid column refuses
 * other text).
 */
public record ChatKey(UUID id) implements Argument {

    public static ChatKey of(UUID id) {
        return new ChatKey(id);
    }

    @Override
    public void apply(int position, PreparedStatement statement, StatementContext ctx) throws SQLException {
        statement.setObject(position, id.toString(), Types.OTHER);
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
