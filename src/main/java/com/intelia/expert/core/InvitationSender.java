package com.intelia.expert.core;

import com.intelia.expert.api.InvitationSendRequest;
import com.intelia.expert.api.InvitationSendResponse;
import com.intelia.expert.api.InvitationSendResponse.Details;
import com.intelia.expert.api.InvitationSendResponse.Result;
import com.intelia.expert.db.PendingInvitation;
import com.intelia.expert.db.SentInvitationStore;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.ClientErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The invite dialog: each address of a request is checked and sent on its own, several at once (at most
 * {@code concurrency} over the whole instance), and the answer comes within {@code answerWithin} whatever Supabase
 * does. Every invitation sent is recorded in PostgreSQL with the inviter of the access token. Logs carry the
 * inviter's id and counts, never an address, a name or a message.
 */
public class InvitationSender implements Managed {

    /** Skip reasons, as the original backend named them and the dialog reads them. */
    static final String USER_EXISTS = "user_exists";
    static final String INVITED_BY_YOU = "already_invited_by_you";
    static final String INVITED_BY_OTHER = "already_invited_by_other";
    static final String ANONYMOUS_CANNOT_INVITE = "anonymous sessions cannot send invitations: sign in with an account";

    private static final Logger LOG = LoggerFactory.getLogger(InvitationSender.class);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})?");

    /** What the dialog is configured with: resend window, daily limit per inviter, validity of a recorded invitation. */
    public record Settings(Duration resendAfter, int dailyLimit, Duration validity, int concurrency,
                           Duration answerWithin) {
    }

    private final SentInvitationStore store;
    private final InvitationChannel channel;
    private final Settings settings;
    private final Clock clock;
    private final ExecutorService workers;

    public InvitationSender(SentInvitationStore store, InvitationChannel channel, Settings settings, Clock clock) {
        this.store = store;
        this.channel = channel;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "invitations-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
    }

    /**
     * Sends the request's invitations on behalf of the caller.
     *
     * @throws jakarta.ws.rs.ForbiddenException for an anonymous session (403)
     * @throws ClientErrorException 429 when the addresses would take the caller past the daily limit
     */
    public InvitationSendResponse send(InvitationSendRequest request, Caller caller) {
        caller.requireAccount(ANONYMOUS_CANNOT_INVITE);
        // one send per mailbox: addresses that differ only in case are the same one (invitations are looked up by
        // lower(invited_email)); the first spelling is kept
        Map<String, String> byMailbox = new LinkedHashMap<>();
        request.emails().forEach(email -> byMailbox.putIfAbsent(email.strip().toLowerCase(Locale.ROOT), email.strip()));
        Collection<String> addresses = byMailbox.values();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long sentToday = store.countSentSince(caller.userId(), now.minusHours(24));
        if (sentToday + addresses.size() > settings.dailyLimit()) {
            throw new ClientErrorException("an inviter may invite " + settings.dailyLimit() + " addresses a day; "
                    + Math.max(0, settings.dailyLimit() - sentToday) + " left for the next 24 hours", 429);
        }
        Sending sending = new Sending(caller, inviterName(request, caller), language(request.language()),
                blankToNull(request.personalMessage()), request.force(), now);
        Map<String, CompletableFuture<Result>> pending = new LinkedHashMap<>();
        for (String address : addresses) {
            pending.put(address, CompletableFuture.supplyAsync(() -> invite(address, sending), workers));
        }
        long deadline = System.nanoTime() + settings.answerWithin().toNanos();
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Result>> entry : pending.entrySet()) {
            results.add(await(entry.getKey(), entry.getValue(), deadline));
        }
        InvitationSendResponse response = summary(results);
        LOG.info("Invitations by user {}: {} sent, {} resent, {} skipped, {} failed", caller.userId(),
                response.sentCount(), response.resentCount(), response.skippedCount(), response.failedCount());
        return response;
    }

    private record Sending(Caller caller, String inviterName, String language, String personalMessage, boolean force,
                           OffsetDateTime now) {
    }

    private Result await(String address, CompletableFuture<Result> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return failed(address, "Supabase did not answer in time (timeout)",
                    "The e-mail service did not answer in time; the invitation may still arrive. Try again later if not.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(address, "interrupted", "The invitation was not sent; try again.");
        } catch (ExecutionException e) {
            LOG.error("An invitation could not be handled: {}", e.getCause().getClass().getSimpleName());
            return failed(address, "unexpected_error", "The invitation could not be sent; try again.");
        }
    }

    /** One address, on a worker thread. */
    private Result invite(String address, Sending sending) {
        if (!EmailAddress.isValid(address)) {
            return failed(address, "Invalid email address", "This is not a valid e-mail address.");
        }
        Optional<PendingInvitation> previous = store.newestPendingTo(address);
        if (previous.isPresent() && !sending.force()) {
            OffsetDateTime again = previous.get().createdAt().plus(settings.resendAfter());
            if (again.isAfter(sending.now())) {
                return tooRecent(address, previous.get(), again, sending);
            }
        }
        boolean resend = previous.isPresent();
        InvitationChannel.Delivery delivery = channel.deliver(new InvitationChannel.Invite(address,
                metadata(sending, resend)));
        return switch (delivery.outcome()) {
            case SENT -> {
                record(address, sending);
                yield new Result(address, true, resend ? "resent" : "sent", null,
                        resend ? "Invitation sent again." : "Invitation sent.", null);
            }
            case ALREADY_REGISTERED -> new Result(address, false, "skipped", USER_EXISTS,
                    "This address already has an Intelia Expert account.",
                    new Details(delivery.registeredSince(), delivery.lastLogin(), null, null, null));
            case RATE_LIMITED -> failed(address, "Email rate limit exceeded (" + delivery.code() + ")",
                    "Too many invitation e-mails were sent for now; try again later.");
            case REFUSED -> failed(address, "Supabase refused the invitation (" + delivery.code() + ")",
                    "The e-mail service refused this invitation.");
            case NO_ANSWER -> failed(address, "Supabase did not answer (" + delivery.code() + ")",
                    "The e-mail service did not answer; try again later.");
        };
    }

    private Result tooRecent(String address, PendingInvitation previous, OffsetDateTime again, Sending sending) {
        long hours = Math.max(1, (Duration.between(sending.now(), again).toMinutes() + 59) / 60);
        boolean byCaller = sending.caller().userId().equals(previous.inviterUserId())
                || previous.inviterUserId() == null && sending.caller().email() != null
                && sending.caller().email().equalsIgnoreCase(previous.inviterEmail());
        String invitedBy = byCaller ? sending.inviterName()
                : previous.inviterName() == null || previous.inviterName().isBlank()
                ? "another Intelia Expert member" : previous.inviterName().strip();
        return new Result(address, false, "skipped", byCaller ? INVITED_BY_YOU : INVITED_BY_OTHER,
                (byCaller ? "You invited this address recently" : "Someone else invited this address recently")
                        + "; it can be invited again in " + hours + (hours == 1 ? " hour." : " hours."),
                new Details(null, null, invitedBy, iso(previous.createdAt()), hours));
    }

    private void record(String address, Sending sending) {
        Caller caller = sending.caller();
        try {
            Optional<UUID> id = store.recordSent(caller.userId(), caller.email(), sending.inviterName(), address,
                    sending.now().plus(settings.validity()));
            id.ifPresent(invitation -> LOG.info("Invitation {} sent by user {}", invitation, caller.userId()));
        } catch (RuntimeException e) {
            // the e-mail is on its way: the dialog says so, and the statistics miss this one
            LOG.error("Invitation sent by user {} could not be recorded: {}", caller.userId(),
                    e.getClass().getSimpleName());
        }
    }

    private Map<String, Object> metadata(Sending sending, boolean resend) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invited_by", sending.caller().email() == null ? "" : sending.caller().email());
        data.put("inviter_user_id", sending.caller().userId().toString());
        data.put("inviter_name", sending.inviterName());
        data.put("personal_message", sending.personalMessage() == null ? "" : sending.personalMessage());
        data.put("language", sending.language());
        data.put("invitation_date", iso(sending.now()));
        data.put("invitation_type", "invite");
        data.put("is_resend", resend);
        return data;
    }

    private static String inviterName(InvitationSendRequest request, Caller caller) {
        if (request.inviterName() != null && !request.inviterName().isBlank()) {
            return request.inviterName().strip();
        }
        String email = caller.email();
        return email == null || email.isBlank() ? "An Intelia Expert member" : email.substring(0, email.indexOf('@') < 0
                ? email.length() : email.indexOf('@'));
    }

    /** The e-mail's language: an ISO 639 code (fr, en, es, pt-br), else fr as the original backend did. */
    static String language(String requested) {
        String code = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return LANGUAGE.matcher(code).matches() ? code : "fr";
    }

    private static InvitationSendResponse summary(List<Result> results) {
        int sent = count(results, "sent");
        int resent = count(results, "resent");
        int skipped = count(results, "skipped");
        int failed = count(results, "failed");
        List<String> parts = new ArrayList<>();
        if (sent > 0) {
            parts.add(sent + " sent");
        }
        if (resent > 0) {
            parts.add(resent + " sent again");
        }
        if (skipped > 0) {
            parts.add(skipped + " skipped");
        }
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        boolean success = sent + resent > 0 || skipped > 0 && failed == 0;
        return new InvitationSendResponse(success, sent, resent, skipped, failed,
                "Invitations: " + String.join(", ", parts), results);
    }

    private static int count(List<Result> results, String status) {
        return (int) results.stream().filter(result -> result.status().equals(status)).count();
    }

    private static Result failed(String address, String reason, String message) {
        return new Result(address, false, "failed", reason, message, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String iso(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }

    @Override
    public void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(settings.answerWithin().toMillis(), TimeUnit.MILLISECONDS);
    }
}
