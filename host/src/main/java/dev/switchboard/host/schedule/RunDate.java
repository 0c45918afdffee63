package dev.switchboard.host.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates Cerb's schedule and expiry params are written with (PHP's {@code strtotime} on the rendered text),
 * the forms real packages use: {@code now}, epoch seconds ({@code 1513008000}, what {@code date('U')} prints),
 * ISO dates and date-times ({@code 2026-12-24}, {@code 2026-12-24 17:00}, with {@code T} or an offset), and relative
 * amounts ({@code +30 mins}, {@code 31 days}, {@code 2 hours ago}, {@code +1 week 2 days}). Anything else is refused
 * with the text named, rather than read as "now" or never.
 */
public final class RunDate {
    private static final Pattern PART = Pattern.compile(
            "([+-]?)\\s*(\\d+)\\s*(sec|secs|second|seconds|min|mins|minute|minutes|hour|hours|day|days|week|weeks"
                    + "|fortnight|fortnights|month|months|year|years)\\b");

    private RunDate() {
    }

    /** Thrown for text that is not one of the forms above. */
    public static final class BadDate extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadDate(String text) {
            super("'" + text + "' is not a date: use epoch seconds, an ISO date like 2026-12-24 17:00,"
                    + " or a relative amount like '+2 hours' or '31 days'");
        }
    }

    /** The instant the text names, relative to {@code now}, in {@code zone} for dates without an offset. */
    public static Instant parse(String text, Instant now, ZoneId zone) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new BadDate(text == null ? "" : text);
        }
        if (t.equals("now")) {
            return now;
        }
        if (t.matches("@?\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(t.replace("@", "")));
        }
        Instant absolute = absolute(t.toUpperCase(Locale.ROOT).replace(' ', 'T'), zone);
        if (absolute != null) {
            return absolute;
        }
        boolean ago = t.endsWith(" ago");
        String rest = ago ? t.substring(0, t.length() - 4).trim() : t;
        Matcher m = PART.matcher(rest);
        ZonedDateTime at = now.atZone(zone);
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (!rest.substring(end, m.start()).isBlank()) {
                throw new BadDate(text);
            }
            long n = Long.parseLong(m.group(2)) * ("-".equals(m.group(1)) != ago ? -1 : 1);
            at = plus(at, n, m.group(3));
            end = m.end();
            any = true;
        }
        if (!any || !rest.substring(end).isBlank()) {
            throw new BadDate(text);
        }
        return at.toInstant();
    }

    private static Instant absolute(String iso, ZoneId zone) {
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // not a date-time
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ZonedDateTime plus(ZonedDateTime at, long n, String unit) {
        return switch (unit.replaceAll("s$", "")) {
            case "sec", "second" -> at.plusSeconds(n);
            case "min", "minute" -> at.plusMinutes(n);
            case "hour" -> at.plusHours(n);
            case "day" -> at.plusDays(n);
            case "week" -> at.plusWeeks(n);
            case "fortnight" -> at.plusWeeks(2 * n);
            case "month" -> at.plusMonths(n);
            default -> at.plusYears(n);
        };
    }
}
