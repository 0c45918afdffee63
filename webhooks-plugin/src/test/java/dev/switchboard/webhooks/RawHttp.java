package dev.switchboard.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 over a plain socket, so a test controls every request header byte (as curl or a browser sends them)
 * and sees response headers in the order they were sent.
 */
final class RawHttp {
    /** A response: status, headers in order as "Name: value", body text. */
    record Response(int status, List<String> headers, String body) {
        /** The first value of a header (case-insensitive), or null. */
        String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (h.substring(0, colon).equalsIgnoreCase(name)) {
                    return h.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, CRLF separated, without the blank line) and a body. */
    static Response send(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            List<String> headers = new ArrayList<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                headers.add(l);
            }
            Response partial = new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, "");
            String length = partial.header("Content-Length");
            byte[] content;
            if (length != null) {
                content = in.readNBytes(Integer.parseInt(length));
            } else if ("chunked".equalsIgnoreCase(partial.header("Transfer-Encoding"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).trim(), 16)) {
                    out.write(in.readNBytes(size));
                    line(in);
                }
                content = out.toByteArray();
            } else {
                content = in.readAllBytes();
            }
            return new Response(partial.status(), headers, new String(content, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
