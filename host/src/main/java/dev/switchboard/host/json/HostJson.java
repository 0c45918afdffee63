package dev.switchboard.host.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.api.Json;
import java.util.List;
import java.util.Map;

/**
 * The host's JSON: untrusted input is parsed with depth ≤ 256, duplicate keys refused, no comments, text with a
 * lone surrogate ({@code "\ud800"}, which no UTF-8 store can keep: SQLite writes {@code ?}) refused, and objects
 * come back as insertion-ordered maps. {@link #mapper()} is for host code that binds to records.
 */
public final class HostJson implements Json {
    /** Largest nesting depth accepted from outside (SECURITY.md 14). */
    public static final int MAX_DEPTH = 256;

    private final ObjectMapper mapper;

    public HostJson() {
        JsonMapper m = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(16 * 1024 * 1024)
                .build());
        this.mapper = m;
    }

    /** The configured mapper (for host code binding JSON to records). */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public Object parse(String text) {
        Object value;
        try {
            value = mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        requireWellFormed(value, "$");
        return value;
    }

    /**
     * Refuses a parsed JSON value holding text (a key or a string) with a lone UTF-16 surrogate.
     *
     * @throws IllegalArgumentException naming the JSON path, e.g. {@code invalid JSON: $.name has a lone surrogate}
     */
    public static void requireWellFormed(Object value, String path) {
        if (value instanceof String s) {
            int bad = loneSurrogate(s);
            if (bad >= 0) {
                throw new IllegalArgumentException(String.format("invalid JSON: %s has a lone surrogate (\\u%04x); "
                        + "text must be well-formed Unicode", path, (int) s.charAt(bad)));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                requireWellFormed(key, path + " (a key)");
                requireWellFormed(e.getValue(), path + "." + key);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireWellFormed(list.get(i), path + "[" + i + "]");
            }
        }
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    private static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a value as UTF-8 bytes. */
    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
