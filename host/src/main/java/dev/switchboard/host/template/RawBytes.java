package dev.switchboard.host.template;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes that are not text, as PHP's binary strings: {@code hash_hmac(…, true)} and {@code base64_decode} of
 * non-UTF-8 data give these, and {@code base64_encode}, {@code md5}, {@code sha1}, {@code hash_hmac} read them
 * back byte for byte. Printed, each byte is one character (ISO-8859-1).
 */
final class RawBytes implements CharSequence {
    private final byte[] bytes;
    private final String latin1;

    RawBytes(byte[] bytes) {
        this.bytes = bytes.clone();
        this.latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int length() {
        return latin1.length();
    }

    @Override
    public char charAt(int index) {
        return latin1.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return latin1.subSequence(start, end);
    }

    @Override
    public String toString() {
        return latin1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
