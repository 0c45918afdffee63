package dev.switchboard.host.http;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every request body to its end without a thread, and only then hands the request to the application.
 *
 * <p>Without this, a servlet thread waits on each client that sends headers and then trickles its body, so a few
 * dozen slow clients hold every HTTP thread (SECURITY.md 10). Here the body is read on demand callbacks, which
 * hold no thread between chunks; the handlers behind see a body that is already complete. A body must keep a
 * real minimum rate: it is given {@code graceMs} plus one second per {@code minRate} bytes received, and answered
 * 408 (connection closed) when it falls behind; a body over {@code maxBody} is answered 413 at once.
 */
final class BodyFirstHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(BodyFirstHandler.class);

    private final long maxBody;
    private final long graceMs;
    private final long minRate;

    /**
     * @param maxBody largest body accepted from any client, in bytes
     * @param graceMs time every body gets before the rate counts
     * @param minRate bytes per second a body must keep on average past the grace
     */
    BodyFirstHandler(long maxBody, long graceMs, long minRate) {
        this.maxBody = maxBody;
        this.graceMs = graceMs;
        this.minRate = minRate;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean hasBody = declared > 0
                || (declared < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
        if (!hasBody) {
            return super.handle(request, response, callback);
        }
        if (declared > maxBody) {
            tooLarge(request, response, callback);
            return true;
        }
        new Loader(request, response, callback, declared).run();
        return true;
    }

    private void tooLarge(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Response.writeError(request, response, callback, 413, "request body is larger than " + maxBody + " bytes");
    }

    /** Collects one request's body chunk by chunk, each read on a demand callback. */
    private final class Loader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long startedNanos = System.nanoTime();
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Scheduler.Task pace;
        private byte[] buffer;
        private int size;

        Loader(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.buffer = new byte[(int) Math.max(0, Math.min(declared, maxBody))];
            this.pace = request.getComponents().getScheduler().schedule(this::checkPace, graceMs,
                    TimeUnit.MILLISECONDS);
        }

        /** Reads what has arrived; asks to be called again when more does. */
        @Override
        public void run() {
            while (!settled.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // The client went away or sent a malformed body; Jetty answers 400 or closes.
                    if (settled.compareAndSet(false, true)) {
                        callback.failed(chunk.getFailure());
                    }
                    return;
                }
                boolean last = chunk.isLast();
                boolean fits = append(chunk.getByteBuffer());
                chunk.release();
                if (!fits) {
                    if (settled.compareAndSet(false, true)) {
                        tooLarge(request, response, callback);
                    }
                    return;
                }
                if (last) {
                    if (settled.compareAndSet(false, true)) {
                        dispatch();
                    }
                    return;
                }
            }
        }

        private boolean append(ByteBuffer bytes) {
            int n = bytes.remaining();
            if ((long) size + n > maxBody) {
                return false;
            }
            if (size + n > buffer.length) {
                byte[] grown = new byte[(int) Math.min(maxBody, Math.max(size + n, Math.max(8192L, buffer.length * 2L)))];
                System.arraycopy(buffer, 0, grown, 0, size);
                buffer = grown;
            }
            bytes.get(buffer, size, n);
            size += n;
            return true;
        }

        private void dispatch() {
            pace.cancel();
            Request complete = new CompleteBody(request, ByteBuffer.wrap(buffer, 0, size));
            try {
                if (!BodyFirstHandler.super.handle(complete, response, callback)) {
                    Response.writeError(complete, response, callback, 404);
                }
            } catch (Throwable e) {
                LOG.error("{} {} failed after its body was read", request.getMethod(), request.getHttpURI().getPath(), e);
                callback.failed(e);
            }
        }

        /** On the scheduler: answers 408 when the body has fallen behind its minimum rate, else looks again later. */
        private void checkPace() {
            if (settled.get()) {
                return;
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            long allowedMs = graceMs + size * 1000L / minRate;
            if (elapsedMs < allowedMs) {
                pace = request.getComponents().getScheduler().schedule(this::checkPace, allowedMs - elapsedMs + 1,
                        TimeUnit.MILLISECONDS);
                return;
            }
            if (settled.compareAndSet(false, true)) {
                LOG.debug("request body from {} too slow: {} bytes in {} ms", request.getConnectionMetaData()
                        .getRemoteSocketAddress(), size, elapsedMs);
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Response.writeError(request, response, callback, 408, "the request body arrived too slowly");
            }
        }
    }

    /** The request with its body already in memory: reads never wait. */
    private static final class CompleteBody extends Request.Wrapper {
        private final ByteBufferContentSource body;

        CompleteBody(Request wrapped, ByteBuffer bytes) {
            super(wrapped);
            this.body = new ByteBufferContentSource(bytes);
        }

        @Override
        public long getLength() {
            return body.getLength();
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public boolean consumeAvailable() {
            while (true) {
                Content.Chunk c = body.read();
                if (c == null || c.isLast()) {
                    if (c != null) {
                        c.release();
                    }
                    return true;
                }
                c.release();
            }
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }
    }
}
