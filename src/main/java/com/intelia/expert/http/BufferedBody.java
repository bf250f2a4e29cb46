package com.intelia.expert.http;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.nio.ByteBuffer;

/** A request whose body {@link RequestBodyHandler} received in full: the application reads it from memory, in one chunk. */
final class BufferedBody extends Request.Wrapper {
    private Content.Chunk content;

    BufferedBody(Request request, byte[] body, int length) {
        super(request);
        this.content = Content.Chunk.from(ByteBuffer.wrap(body, 0, length), true);
    }

    @Override
    public synchronized Content.Chunk read() {
        if (content == null) {
            return Content.Chunk.EOF;
        }
        Content.Chunk chunk = content;
        content = null;
        return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
        demandCallback.run();
    }

    @Override
    public synchronized boolean consumeAvailable() {
        content = null;
        return true;
    }

    @Override
    public void fail(Throwable failure) {
        synchronized (this) {
            content = Content.Chunk.from(failure, true);
        }
        super.fail(failure);
    }
}
