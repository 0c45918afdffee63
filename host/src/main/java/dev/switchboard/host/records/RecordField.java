package dev.switchboard.host.records;

import dev.switchboard.host.schedule.RunDate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One field of a record type: its key in changesets and record dictionaries (Cerb's key, e.g. {@code due}), its
 * column, the key Cerb's search queries use for it (e.g. {@code isDisabled}), its kind, and its value when a new
 * record does not set it ({@code null}: required).
 */
record RecordField(String key, String column, String searchKey, Kind kind, Object fallback) {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** How a value is read from a changeset or a query and stored. */
    interface Kind {
    }

    /** Text of at most {@code max} characters, stripped; {@code blank} says whether '' is allowed. */
    record Text(int max, boolean blank) implements Kind {
    }

    /** An email address, lower-cased. */
    record Email() implements Kind {
    }

    /** A whole number in {@code [min, max]}. */
    record Number(long min, long max) implements Kind {
    }

    /** Cerb's flags: stored 0/1, written {@code 1/0}, {@code true/false} or, in queries, {@code y/n}. */
    record Flag() implements Kind {
    }

    /** Epoch seconds; written as a number or as a date Cerb's {@code strtotime} reads ({@link RunDate}). */
    record Date() implements Kind {
    }

    /** One of a few words, lower-cased; each may also be written by its first letter (Cerb's {@code o} for open). */
    record Choice(List<String> values) implements Kind {
    }

    static RecordField text(String key, String column, String searchKey, int max, Object fallback) {
        return new RecordField(key, column, searchKey, new Text(max, fallback != null), fallback);
    }

    /** The stored value of {@code raw}, or a {@link BadRecordException} naming the field and what it must be. */
    Object parse(Object raw, Clock clock) {
        if (raw == null) {
            throw new BadRecordException("'" + key + "' must not be null");
        }
        String s = String.valueOf(raw).strip();
        if (kind instanceof Text t) {
            if (!(raw instanceof String)) {
                throw new BadRecordException("'" + key + "' must be text");
            }
            if (s.isEmpty() && !t.blank()) {
                throw new BadRecordException("'" + key + "' must not be empty");
            }
            if (s.length() > t.max()) {
                throw new BadRecordException("'" + key + "' must be at most " + t.max() + " characters");
            }
            return s;
        }
        if (kind instanceof Email) {
            if (s.length() > 320 || !EMAIL.matcher(s).matches()) {
                throw new BadRecordException("'" + key + "' must be an email address, not '" + s + "'");
            }
            return s.toLowerCase(Locale.ROOT);
        }
        if (kind instanceof Number n) {
            if (raw instanceof Boolean || !s.matches("-?\\d{1,18}")) {
                throw new BadRecordException("'" + key + "' must be a whole number, not '" + s + "'");
            }
            long v = Long.parseLong(s);
            if (v < n.min() || v > n.max()) {
                throw new BadRecordException("'" + key + "' must be between " + n.min() + " and " + n.max());
            }
            return v;
        }
        if (kind instanceof Flag) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "1", "true", "y", "yes":
                    return 1L;
                case "0", "false", "n", "no", "":
                    return 0L;
                default:
                    throw new BadRecordException("'" + key + "' must be 1 or 0 (y or n), not '" + s + "'");
            }
        }
        if (kind instanceof Date) {
            if (s.isEmpty() || s.equals("0")) {
                return 0L;
            }
            try {
                return RunDate.parse(s, clock.instant(), ZoneOffset.UTC).getEpochSecond();
            } catch (RunDate.BadDate e) {
                throw new BadRecordException("'" + key + "': " + e.getMessage());
            }
        }
        Choice c = (Choice) kind;
        String v = s.toLowerCase(Locale.ROOT);
        for (String option : c.values()) {
            if (option.equals(v) || option.substring(0, 1).equals(v)) {
                return option;
            }
        }
        throw new BadRecordException("'" + key + "' must be one of " + String.join(", ", c.values())
                + ", not '" + s + "'");
    }
}
