package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.core.InvitationChannel;
import com.intelia.expert.core.InvitationSender;
import com.intelia.expert.core.LocalInvitationChannel;
import com.intelia.expert.core.SupabaseInvitationChannel;
import com.intelia.expert.core.TokenHmac;
import com.intelia.expert.db.JdbiInvitationOutboxStore;
import com.intelia.expert.db.JdbiLocalProfileStore;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.SupabaseAuthInvites;
import io.dropwizard.util.Duration;
import jakarta.ws.rs.client.Client;
import org.jdbi.v3.core.Jdbi;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The invite dialog (POST /invitations/send) and the acceptance pages: where the e-mail's link leads, how soon an
 * address may be invited again, how many addresses an inviter may invite a day, and how the sends are bounded.
 */
public class InvitationsFactory {

    /** The frontend's origin; the e-mail's link leads to {@code frontendUrl + /auth/invitation}. */
    @JsonProperty @NotBlank private String frontendUrl = "http://localhost:3000";
    /** An address invited less than this long ago is skipped (unless force_send), with the hours remaining. */
    @JsonProperty @NotNull private Duration resendAfter = Duration.hours(24);
    /** Addresses one inviter may send in any 24 hours; a request past it is refused whole with 429. */
    @JsonProperty @Min(1) @Max(100_000) private int dailyLimitPerInviter = 50;
    /** Invitations sent to Supabase at once, over all requests of this instance. */
    @JsonProperty @Min(1) @Max(64) private int concurrency = 8;
    /** The dialog's answer is given within this; an address Supabase has not answered for by then is "failed". */
    @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration answerWithin =
            Duration.seconds(5);

    /** The page of the frontend the invitation e-mail leads to: frontendUrl without a trailing slash + /auth/invitation. */
    public String acceptancePage() {
        String base = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
        return base + "/auth/invitation";
    }

    /**
     * Supabase Auth when SUPABASE_URL is set (the client's timeouts bound each call), else the local outbox with
     * profiles in the local directory. validity: how long a local link stays valid.
     */
    public InvitationChannel buildChannel(SupabaseFactory supabase, Client supabaseClient, Jdbi jdbi, TokenHmac tokens,
                                          java.time.Duration validity, Clock clock) {
        if (supabaseClient != null && supabase.isConfigured()) {
            return new SupabaseInvitationChannel(new SupabaseAuthInvites(supabaseClient, supabase.getUrl(),
                    supabase.getKey(), supabase.getServiceKey(), supabase.getConnectTimeout().toJavaDuration(),
                    supabase.getReadTimeout().toJavaDuration()), acceptancePage());
        }
        return new LocalInvitationChannel(new JdbiInvitationOutboxStore(jdbi),
                new LocalUserDirectory(new JdbiLocalProfileStore(jdbi)), tokens, acceptancePage(), validity, clock);
    }

    /** The invite dialog's settings; validity: how long a recorded invitation counts as pending (limits.invitationValidity). */
    public InvitationSender.Settings senderSettings(java.time.Duration validity) {
        return new InvitationSender.Settings(resendAfter(), dailyLimitPerInviter, validity, concurrency, answerWithin());
    }

    public java.time.Duration resendAfter() { return java.time.Duration.ofMillis(resendAfter.toMilliseconds()); }
    public java.time.Duration answerWithin() { return java.time.Duration.ofMillis(answerWithin.toMilliseconds()); }
    public int getDailyLimitPerInviter() { return dailyLimitPerInviter; }
    public int getConcurrency() { return concurrency; }
    public String getFrontendUrl() { return frontendUrl; }
    public void setFrontendUrl(String frontendUrl) { this.frontendUrl = frontendUrl; }
    public void setResendAfter(Duration resendAfter) { this.resendAfter = resendAfter; }
    public void setDailyLimitPerInviter(int limit) { this.dailyLimitPerInviter = limit; }
    public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
    public void setAnswerWithin(Duration answerWithin) { this.answerWithin = answerWithin; }
}
