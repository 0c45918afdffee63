package dev.switchboard.api;

import java.util.Collections;
import java.util.Map;

/**
 * One result row; column names are lower case. Getters smooth over driver differences (an SQLite integer may come
 * back as {@code Integer} or {@code Long}; PostgreSQL booleans vs 0/1).
 *
 * <pre>{@code
 * Row row = sql.first("SELECT id, name FROM webhook_listener WHERE guid = ?", guid).orElseThrow();
 * long id = row.getLong("id");
 * }</pre>
 *
 * @param values column name (lower case) → value
 * @since 1.0.0
 */
public record Row(Map<String, Object> values) {
    /**
     * Wraps the values read-only.
     *
     * @since 1.0.0
     */
    public Row {
        values = Collections.unmodifiableMap(values);
    }

    /**
     * The raw value, or null.
     *
     * @since 1.0.0
     */
    public Object get(String column) {
        return values.get(column);
    }

    /**
     * The value as text, or null.
     *
     * @since 1.0.0
     */
    public String getString(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    /**
     * The value as a long, or null.
     *
     * @since 1.0.0
     */
    public Long getLong(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return Long.parseLong(v.toString().trim());
    }

    /**
     * The value as an int, or the fallback when null.
     *
     * @since 1.0.0
     */
    public int getInt(String column, int fallback) {
        Long v = getLong(column);
        return v == null ? fallback : v.intValue();
    }

    /**
     * True for a non-zero number, {@code true}, or "1"/"true".
     *
     * @since 1.0.0
     */
    public boolean getBoolean(String column) {
        Object v = values.get(column);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        String s = v.toString().trim();
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    /**
     * The value as bytes (text is UTF-8 encoded), or null.
     *
     * @since 1.0.0
     */
    public byte[] getBytes(String column) {
        Object v = values.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return bytes;
        }
        return v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
