package com.intelia.expert.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;

/**
 * Receives each request body in full before the application sees it, without holding a thread while it arrives,
 * so that neither huge nor slow bodies can take the server's memory or threads:
 * <ul>
 *   <li>a body over {@code maxBytes} is refused with 413, at once when Content-Length says so, else as soon as that
 *   many bytes arrived; the rest is never read;</li>
 *   <li>a body that has not fully arrived {@code timeout} after the headers is refused with 408;</li>
 *   <li>all bodies being received at once may hold at most {@code budget} bytes; past it a request is refused
 *   with 503 (try again), so concurrent large bodies cannot exhaust the heap;</li>
 *   <li>a Content-Encoding other than gzip (inflated by Dropwizard's GzipHandler, which runs first) is refused
 *   with 415, a gzip body that does not inflate with 400.</li>
 * </ul>
 * The application then reads the body from memory: a blocking read never waits on the network.
 */
public class RequestBodyHandler extends Handler.Wrapper {

    private final long maxBytes;
    private final long timeoutMillis;
    private final String tooLarge;
    private final AtomicLong budgetLeft;

    /**
     * @param maxBytes largest body accepted
     * @param timeoutMillis time from the headers to the body's last byte
     * @param budget bytes all bodies being received and handled may hold together
     * @param tooLarge the 413's message: what the limit is and what fits in it
     */
    public RequestBodyHandler(long maxBytes, long timeoutMillis, long budget, String tooLarge) {
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
        this.tooLarge = tooLarge;
        this.budgetLeft = new AtomicLong(budget);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        String encoding = headers.get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return refuse(response, callback, 415, "the request body's Content-Encoding is not supported: send it"
                    + " uncompressed, or compressed with Content-Encoding: gzip");
        }
        long length = Math.max(length(headers.getField(HttpHeader.CONTENT_LENGTH)),
                length(headers.getField("X-Content-Length"))); // the compressed length, when GzipHandler inflates
        if (length > maxBytes) {
            return refuse(response, callback, 413, tooLarge);
        }
        boolean chunked = headers.contains(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
        boolean inflated = headers.contains("X-Content-Encoding");
        if (length <= 0 && !chunked && !inflated) {
            return super.handle(request, response, callback);
        }
        new Receiver(request, response, callback, inflated).start();
        return true;
    }

    private static long length(HttpField field) {
        if (field == null) {
            return -1;
        }
        try {
            return field.getLongValue();
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean refuse(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        } else {
            // the rest of the body is not read: the connection cannot carry another request
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(ErrorBodies.json(status, message).getBytes(StandardCharsets.UTF_8)),
                callback);
        return true;
    }

    /** Reads one request's body as it arrives; then hands the request, with its body in memory, to the next handler. */
    private final class Receiver implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final boolean inflated;
        private byte[] body = new byte[0];
        /** Bytes taken from the budget: the buffer's capacity. */
        private long reserved;
        private int received;
        private boolean finished;
        private boolean inDemandCallback;
        private Scheduler.Task deadline;

        Receiver(Request request, Response response, Callback callback, boolean inflated) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.inflated = inflated;
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::tooSlow, timeoutMillis,
                    TimeUnit.MILLISECONDS);
            read();
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Jetty calls this when more of the body can be read, possibly on its selector thread. */
        @Override
        public void run() {
            synchronized (this) {
                inDemandCallback = true;
            }
            read();
        }

        private void read() {
            while (true) {
                Content.Chunk chunk;
                synchronized (this) {
                    if (finished) {
                        return;
                    }
                    try {
                        chunk = request.read();
                    } catch (RuntimeException e) {
                        failed(e);
                        return;
                    }
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        failed(chunk.getFailure());
                        return;
                    }
                    int size = chunk.remaining();
                    if (received + (long) size > maxBytes) {
                        chunk.release();
                        finish(413, tooLarge);
                        return;
                    }
                    if (!makeRoom(size)) {
                        chunk.release();
                        finish(503, "the server is receiving too many request bodies at once; try again in a moment");
                        return;
                    }
                    chunk.getByteBuffer().get(body, received, size);
                    received += size;
                    chunk.release();
                    if (!chunk.isLast()) {
                        continue;
                    }
                    finished = true;
                    deadline.cancel();
                }
                dispatch();
                return;
            }
        }

        /** Grows the buffer to hold {@code size} more bytes, if the budget allows. */
        private boolean makeRoom(int size) {
            if (received + size <= body.length) {
                return true;
            }
            int capacity = (int) Math.min(maxBytes, Math.max(received + (long) size, Math.max(4096, 2L * body.length)));
            long more = capacity - body.length;
            if (budgetLeft.addAndGet(-more) < 0) {
                budgetLeft.addAndGet(more);
                return false;
            }
            reserved += more;
            body = Arrays.copyOf(body, capacity);
            return true;
        }

        private void tooSlow() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finish(408, "the request body did not arrive within " + timeoutMillis / 1000 + " s of its headers;"
                        + " send it at once");
            }
        }

        private void failed(Throwable failure) {
            if (isGzipFailure(failure)) {
                finish(400, "the request body is not valid gzip data (Content-Encoding: gzip)");
                return;
            }
            if (failure instanceof java.util.concurrent.TimeoutException) {
                finish(408, "the request body stopped arriving; send it again at once");
                return;
            }
            finished = true;
            deadline.cancel();
            budgetLeft.addAndGet(reserved);
            body = null;
            callback.failed(failure);
        }

        /** Inflating failed: not gzip data (or an EOF inside it that is not the client leaving). */
        private boolean isGzipFailure(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ZipException || cause instanceof DataFormatException
                        || inflated && cause instanceof EOFException && !(cause instanceof EofException)) {
                    return true;
                }
            }
            return false;
        }

        /** Answers an error instead of handling the request; the body read so far is dropped. */
        private void finish(int status, String message) {
            finished = true;
            deadline.cancel();
            budgetLeft.addAndGet(reserved);
            body = null;
            refuse(response, callback, status, message);
        }

        private void dispatch() {
            boolean fromDemand;
            synchronized (this) {
                fromDemand = inDemandCallback;
            }
            long held = reserved;
            Request buffered = new BufferedBody(request, body, received);
            body = null;
            Callback done = Callback.from(callback, () -> budgetLeft.addAndGet(held));
            Runnable handle = () -> {
                try {
                    if (!RequestBodyHandler.this.getHandler().handle(buffered, response, done)) {
                        Response.writeError(buffered, response, done, 404);
                    }
                } catch (Throwable x) {
                    Response.writeError(buffered, response, done, x);
                }
            };
            if (fromDemand) {
                // the demand callback may run on Jetty's selector thread, which the application must never block
                request.getContext().execute(handle);
            } else {
                handle.run();
            }
        }
    }
}
