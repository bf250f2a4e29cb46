package com.intelia.expert.config;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.LoggingFactory;
import io.dropwizard.logging.json.AccessAttribute;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;

import java.util.EnumSet;
import java.util.Set;

/**
 * LOG_FORMAT: {@code text} (config.yml's patterns) or {@code json}, one JSON object per line as log platforms ingest
 * them, for the application log (Dropwizard's json layout, with the MDC's request_id) and the request log
 * (access-json). The request log keeps what its text pattern keeps: the path without its query string (queries carry
 * search text and e-mail addresses), no Referer, and the X-Request-Id answered.
 */
public enum LogFormat {
    TEXT, JSON;

    static final EnumSet<AccessAttribute> REQUEST_FIELDS = EnumSet.of(AccessAttribute.TIMESTAMP,
            AccessAttribute.REMOTE_ADDRESS, AccessAttribute.METHOD, AccessAttribute.REQUEST_URI,
            AccessAttribute.PROTOCOL, AccessAttribute.STATUS_CODE, AccessAttribute.CONTENT_LENGTH,
            AccessAttribute.REQUEST_TIME, AccessAttribute.USER_AGENT);

    /** Unknown values are text: a typo must not lose the logs. */
    public static LogFormat parse(String value) {
        return value != null && value.trim().equalsIgnoreCase("json") ? JSON : TEXT;
    }

    /** Puts the JSON layouts on every console or file appender of both logs; text leaves config.yml's as they are. */
    void apply(LoggingFactory logging, ServerFactory server) {
        if (this != JSON) {
            return;
        }
        if (logging instanceof DefaultLoggingFactory application) {
            for (AppenderFactory<ILoggingEvent> appender : application.getAppenders()) {
                if (appender instanceof AbstractAppenderFactory<ILoggingEvent> layouted) {
                    layouted.setLayout(new EventJsonLayoutBaseFactory());
                }
            }
        }
        if (server instanceof AbstractServerFactory factory
                && factory.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requests) {
            for (AppenderFactory<IAccessEvent> appender : requests.getAppenders()) {
                if (appender instanceof AbstractAppenderFactory<IAccessEvent> layouted) {
                    AccessJsonLayoutBaseFactory layout = new AccessJsonLayoutBaseFactory();
                    layout.setIncludes(EnumSet.copyOf(REQUEST_FIELDS));
                    layout.setResponseHeaders(Set.of("X-Request-Id"));
                    layouted.setLayout(layout);
                }
            }
        }
    }
}
