package dev.switchboard.host.template;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text exactly as PHP's {@code json_encode} writes it, because Cerb bots compare and sign what Cerb printed:
 * {@code /} as {@code \/} (unless unescaped), every non-ASCII UTF-16 unit as lower-case {@code \}{@code uXXXX},
 * a map whose keys are "0".."n-1" in order (and the empty map) as an array, floats in PHP's shortest form
 * ({@code 1.0} → {@code 1}, {@code 1e-5} → {@code 1.0e-5}), and JSON_PRETTY_PRINT's 4-space layout.
 */
final class PhpJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Deepest nesting the host's JSON parser reads back ({@code HostJson.MAX_DEPTH} is 256), with a margin. */
    private static final int READ_BACK_DEPTH = 250;
    /** Longest text whose JSON form the host's parser surely reads back (16 Mi characters of JSON, 6 per char). */
    private static final int READ_BACK_STRING = (16 << 20) / 6;

    private final boolean pretty;
    private final boolean escapeSlashes;
    private final StringBuilder out = new StringBuilder();
    /** What the pretty layout added over json_encode's compact text: line breaks, indents, the space after ':'. */
    private long layout;
    /** Slashes written bare, each one character shorter than json_encode's {@code \/}. */
    private long slashes;
    /** Something json_encode's text might not read back as it was: deep, a surrogate, a long text, a key not text. */
    private boolean unusual;

    private PhpJson(boolean pretty, boolean escapeSlashes) {
        this.pretty = pretty;
        this.escapeSlashes = escapeSlashes;
    }

    /** {@code json_encode($value)}. @throws NotEncodable for NaN or infinity (PHP returns false) */
    static String encode(Object value) {
        PhpJson writer = new PhpJson(false, true);
        writer.write(value, 0);
        return writer.out.toString();
    }

    /** {@code json_encode($value, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES)}, what Cerb's json_pretty prints. */
    static String encodePretty(Object value) {
        PhpJson writer = new PhpJson(true, false);
        writer.write(value, 0);
        return writer.out.toString();
    }

    /**
     * {@code json_pretty(json_encode(value))} for a dict or list, written once instead of encoded, parsed and encoded
     * again, and the length json_encode's text would have had (the size limit applies to it). Null when the value
     * holds something that reading json_encode's text back could change or refuse (nesting near the parser's depth
     * limit, a surrogate, a key that is not text): the caller then takes the two steps.
     *
     * @throws NotEncodable for NaN or infinity
     */
    static Pretty prettyOfEncoded(Object container) {
        PhpJson writer = new PhpJson(true, false);
        writer.write(container, 0);
        if (writer.unusual) {
            return null;
        }
        return new Pretty(writer.out.toString(), writer.out.length() - writer.layout + writer.slashes);
    }

    /** {@link #prettyOfEncoded}'s result: the pretty text and the length of the compact one. */
    record Pretty(String text, long compactLength) {
    }

    /** A value PHP refuses to encode; the filters print nothing for it, as Twig prints PHP's false. */
    static final class NotEncodable extends RuntimeException {
        NotEncodable(String message) {
            super(message, null, false, false);
        }
    }

    private void write(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                out.append(big);
            } else {
                writeDouble(big.doubleValue());
            }
        } else if (value instanceof Number number) {
            writeDouble(number.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, depth);
        } else if (value instanceof Collection<?> list) {
            writeArray(list.iterator(), list.isEmpty(), depth);
        } else if (value instanceof Object[] array) {
            writeArray(java.util.Arrays.asList(array).iterator(), array.length == 0, depth);
        } else {
            writeString(value.toString());
        }
    }

    private void writeMap(Map<?, ?> map, int depth) {
        unusual |= depth >= READ_BACK_DEPTH;
        if (isSequential(map)) {
            writeArray(map.values().iterator(), map.isEmpty(), depth);
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(depth + 1);
            unusual |= !(entry.getKey() instanceof String);
            writeString(String.valueOf(entry.getKey()));
            out.append(pretty ? ": " : ":");
            layout += pretty ? 1 : 0;
            write(entry.getValue(), depth + 1);
        }
        newline(depth);
        out.append('}');
    }

    private void writeArray(Iterator<?> items, boolean empty, int depth) {
        unusual |= depth >= READ_BACK_DEPTH;
        out.append('[');
        if (empty) {
            out.append(']');
            return;
        }
        boolean first = true;
        while (items.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(depth + 1);
            write(items.next(), depth + 1);
        }
        newline(depth);
        out.append(']');
    }

    private void newline(int depth) {
        if (pretty) {
            out.append('\n');
            for (int i = 0; i < depth; i++) {
                out.append("    ");
            }
            layout += 1 + 4L * depth;
        }
    }

    /** PHP arrays are maps; one whose keys are exactly 0..n-1 in order (or none) is a JSON list. */
    static boolean isSequential(Map<?, ?> map) {
        int index = 0;
        for (Object key : map.keySet()) {
            if (!String.valueOf(index).equals(String.valueOf(key))) {
                return false;
            }
            index++;
        }
        return true;
    }

    private void writeString(String s) {
        unusual |= s.length() > READ_BACK_STRING;
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> {
                    out.append(escapeSlashes ? "\\/" : "/");
                    slashes++;
                }
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    unusual |= Character.isSurrogate(c);
                    if (c < 0x20 || c >= 0x80) {
                        out.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15])
                                .append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void writeDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NotEncodable("Inf and NaN cannot be JSON encoded");
        }
        out.append(PhpFloat.json(d));
    }
}
