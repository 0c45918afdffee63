package dev.switchboard.host.http;

import dev.switchboard.api.HttpStatusException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body with a limit, refusing a large declared length up front and counting while streaming. */
final class BoundedBody {
    private BoundedBody() {
    }

    static byte[] read(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            return declared >= 0 ? readDeclared(in, (int) declared) : readCounting(in, maxBytes);
        } catch (IOException e) {
            throw new HttpStatusException(400, "could not read the request body: " + e.getMessage());
        }
    }

    /** A body with a Content-Length (already checked against the limit): one array of exactly that size. */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new HttpStatusException(400, "the request body ended after " + body.length + " of the "
                    + length + " bytes its Content-Length announced");
        }
        return body;
    }

    /** A chunked body: counted while streaming, refused as soon as it passes the limit. */
    private static byte[] readCounting(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static HttpStatusException tooLarge(long max) {
        return new HttpStatusException(413, "request body is larger than " + max + " bytes");
    }
}
