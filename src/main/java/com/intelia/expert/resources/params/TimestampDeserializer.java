package com.intelia.expert.resources.params;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads OffsetDateTime fields of bodies in every form {@link Timestamps} accepts: with or without offset (UTC),
 * {@code T} or a space between date and time. Anything else is a JSON mapping error (400 naming the field, from
 * JsonInputExceptionMapper). Installed on the application's ObjectMapper by {@link #module()}.
 */
public final class TimestampDeserializer extends StdScalarDeserializer<OffsetDateTime> {

    public TimestampDeserializer() {
        super(OffsetDateTime.class);
    }

    /** A Jackson module with this deserializer, to register on the application's ObjectMapper at bootstrap. */
    public static SimpleModule module() {
        return new SimpleModule("intelia-timestamps").addDeserializer(OffsetDateTime.class, new TimestampDeserializer());
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
        }
        String text = parser.getText().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Timestamps.parseTimestamp(text);
        } catch (DateTimeParseException e) {
            return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
                    "not " + Timestamps.TIMESTAMP_FORM);
        }
    }
}
