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
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
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
        } catch (IOException e) {
            throw new HttpStatusException(400, "could not read the request body: " + e.getMessage());
        }
    }

    static HttpStatusException tooLarge(long max) {
        return new HttpStatusException(413, "request body is larger than " + max + " bytes");
    }
}
