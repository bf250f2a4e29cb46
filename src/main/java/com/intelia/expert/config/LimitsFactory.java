package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.http.JettyEdge;
import com.intelia.expert.http.RequestBodyHandler;
import com.intelia.expert.http.SlowHeadersWatchdog;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Limits of the write API and of each request: text sizes, invitation validity, body size, slow clients. */
public class LimitsFactory {

    /** Room in a request body for everything but the four texts of a save: ids, metadata, sources, JSON syntax. */
    static final long OTHER_FIELDS_BYTES = 1024 * 1024;
    /** The most bytes one character of text takes in a JSON body: a \\uXXXX escape. */
    static final int BYTES_PER_CHARACTER = 6;
    /** Texts of a save up to maxTextCharacters each: question, response, preview, last_message_preview. */
    static final int TEXTS_PER_SAVE = 4;

    @JsonProperty @Min(1000) @Max(10_000_000) private int maxTextCharacters = 100_000;
    @JsonProperty @NotNull private Duration invitationValidity = Duration.days(7);
    /** Largest request body; unset: derived from maxTextCharacters (see {@link #maxRequestBytes()}). */
    @JsonProperty @MinDataSize(1024) @MaxDataSize(value = 256, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
    private DataSize maxRequestBytes;
    /** Time from a request's first byte to the end of its headers. */
    @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration requestHeaderTimeout =
            Duration.seconds(10);
    /** Time from a request's headers to the last byte of its body. */
    @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration requestBodyTimeout =
            Duration.seconds(30);

    public int getMaxTextCharacters() { return maxTextCharacters; }
    public java.time.Duration invitationValidity() {
        return java.time.Duration.ofMillis(invitationValidity.toMilliseconds());
    }
    public void setMaxTextCharacters(int maxTextCharacters) { this.maxTextCharacters = maxTextCharacters; }

    /**
     * The configured limit, or one that fits the largest valid save several times over: its four texts at the most
     * bytes a character takes (a \\uXXXX escape), plus 1 MiB for the rest. 3.4 MB for 100,000 characters; a save
     * in plain UTF-8 text takes at most half of that.
     */
    public long maxRequestBytes() {
        return maxRequestBytes != null ? maxRequestBytes.toBytes()
                : (long) TEXTS_PER_SAVE * BYTES_PER_CHARACTER * maxTextCharacters + OTHER_FIELDS_BYTES;
    }

    public long requestHeaderTimeoutMillis() { return requestHeaderTimeout.toMilliseconds(); }
    public long requestBodyTimeoutMillis() { return requestBodyTimeout.toMilliseconds(); }

    /**
     * The request limits as Jetty applies them. The bodies being received at once may hold a quarter of the heap
     * ({@code -Xmx}) together: enough for hundreds of the largest saves, and what is left serves everything else.
     */
    public JettyEdge jettyEdge() {
        long max = maxRequestBytes();
        String tooLarge = String.format(Locale.ROOT, "the request body is larger than %,d bytes; a question or a"
                + " response may hold at most %,d characters", max, maxTextCharacters);
        return new JettyEdge(new RequestBodyHandler(max, requestBodyTimeoutMillis(), Runtime.getRuntime().maxMemory() / 4,
                tooLarge), new SlowHeadersWatchdog(requestHeaderTimeoutMillis()));
    }
}
