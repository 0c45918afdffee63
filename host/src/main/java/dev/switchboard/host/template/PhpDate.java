package dev.switchboard.host.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Twig's {@code date} filter: PHP's date() format letters over a timestamp, date text, or 'now'. */
final class PhpDate {
    /** Twig's default format. */
    static final String DEFAULT_FORMAT = "F j, Y H:i";
    private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]");

    private PhpDate() {
    }

    /**
     * The moment a value names: a unix timestamp (number or numeric text), {@code now} or nothing, ISO-8601 date
     * or date-time text, {@code YYYY-MM-DD HH:MM[:SS]}, or an RFC 1123 date; times without a zone are read in
     * {@code zone}.
     *
     * @throws IllegalArgumentException naming the text it cannot read
     */
    static ZonedDateTime moment(Object value, ZoneId zone) {
        if (value instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(zone);
        }
        if (value instanceof com.hubspot.jinjava.objects.date.PyishDate d) {
            return d.toDateTime().withZoneSameInstant(zone);
        }
        String text = TemplateValues.text(value).trim();
        if (text.isEmpty() || text.equalsIgnoreCase("now")) {
            return ZonedDateTime.now(zone);
        }
        if (TemplateValues.isNumeric(text)) {
            return Instant.ofEpochSecond((long) TemplateValues.number(text)).atZone(zone);
        }
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).withZoneSameInstant(zone);
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return LocalDateTime.parse(text.replace('T', ' '), SPACED).atZone(zone);
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone);
        } catch (DateTimeParseException e) {
            java.util.regex.Matcher written = WRITTEN_DATE.matcher(text);
            if (written.lookingAt()) {
                ZonedDateTime day = writtenDate(written, zone);
                ZonedDateTime at = day == null ? null : modify(day, text.substring(written.end()));
                if (at != null) {
                    return at;
                }
            }
            ZonedDateTime relative = modify(ZonedDateTime.now(zone), text);
            if (relative == null) {
                throw new IllegalArgumentException("date: cannot read '" + text + "' as a date");
            }
            return relative;
        }
    }

    /** {@code 1-Jan-2018}, {@code Jan 9 2002}, {@code January 9, 2002}, {@code 9 January 2002}. */
    private static final java.util.regex.Pattern WRITTEN_DATE = java.util.regex.Pattern.compile(
            "(?:(\\d{1,2})[- ]([A-Za-z]{3,9})\\.?[- ,]+(\\d{4})|([A-Za-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4}))");

    private static ZonedDateTime writtenDate(java.util.regex.Matcher m, ZoneId zone) {
        String month = m.group(2) != null ? m.group(2) : m.group(4);
        int day = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(5));
        int year = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(6));
        for (java.time.Month candidate : java.time.Month.values()) {
            String name = candidate.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            String given = month.toLowerCase(Locale.ROOT);
            if (given.length() >= 3 && name.startsWith(given)) {
                return LocalDate.of(year, candidate, day).atStartOfDay(zone);
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern RELATIVE = java.util.regex.Pattern.compile(
            "\\s*(?:(now)|(today|midnight)|(tomorrow)|(yesterday)|(noon)"
            + "|([+-]?\\s*\\d+)\\s*(sec|second|min|minute|hour|day|week|fortnight|month|year)s?(\\s+ago)?"
            + "|(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?m\\.?"
            + "|(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
            + "|(?:(next|last|this)\\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * PHP's relative date text ({@code +2 weeks}, {@code -1day}, {@code tomorrow 5pm}, {@code next monday},
     * {@code 3 days ago}, {@code noon}) applied to {@code base}; null when the text is not such.
     */
    static ZonedDateTime modify(ZonedDateTime base, String text) {
        java.util.regex.Matcher m = RELATIVE.matcher(text);
        ZonedDateTime t = base;
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            if (m.group(2) != null) {
                t = t.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            } else if (m.group(3) != null) {
                t = t.plusDays(1).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            } else if (m.group(4) != null) {
                t = t.minusDays(1).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            } else if (m.group(5) != null) {
                t = t.truncatedTo(java.time.temporal.ChronoUnit.DAYS).withHour(12);
            } else if (m.group(6) != null) {
                long n = Long.parseLong(m.group(6).replaceAll("\\s", "").replace("+", ""));
                if (m.group(8) != null) {
                    n = -n;
                }
                t = switch (m.group(7).toLowerCase(Locale.ROOT)) {
                    case "sec", "second" -> t.plusSeconds(n);
                    case "min", "minute" -> t.plusMinutes(n);
                    case "hour" -> t.plusHours(n);
                    case "day" -> t.plusDays(n);
                    case "week" -> t.plusWeeks(n);
                    case "fortnight" -> t.plusWeeks(2 * n);
                    case "month" -> t.plusMonths(n);
                    default -> t.plusYears(n);
                };
            } else if (m.group(9) != null) {
                int hour = Integer.parseInt(m.group(9)) % 12 + (m.group(11).equalsIgnoreCase("p") ? 12 : 0);
                int minute = m.group(10) == null ? 0 : Integer.parseInt(m.group(10));
                t = t.withHour(hour).withMinute(minute).withSecond(0).withNano(0);
            } else if (m.group(12) != null) {
                t = t.withHour(Integer.parseInt(m.group(12))).withMinute(Integer.parseInt(m.group(13)))
                        .withSecond(m.group(14) == null ? 0 : Integer.parseInt(m.group(14))).withNano(0);
            } else if (m.group(16) != null) {
                java.time.DayOfWeek day = java.time.DayOfWeek.valueOf(m.group(16).toUpperCase(Locale.ROOT));
                String which = m.group(15) == null ? "" : m.group(15).toLowerCase(Locale.ROOT);
                t = t.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
                t = switch (which) {
                    case "next" -> t.with(java.time.temporal.TemporalAdjusters.next(day));
                    case "last" -> t.with(java.time.temporal.TemporalAdjusters.previous(day));
                    default -> t.with(java.time.temporal.TemporalAdjusters.nextOrSame(day));
                };
            }
            at = m.end();
        }
        return t;
    }

    /** The zone dates are read and shown in: the run's {@code _timezone} (set_timezone), else UTC. */
    static ZoneId defaultZone() {
        com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter =
                com.hubspot.jinjava.interpret.JinjavaInterpreter.getCurrent();
        Object tz = interpreter == null ? null : interpreter.getContext().get("_timezone");
        if (tz == null || TemplateValues.text(tz).isBlank()) {
            return ZoneOffset.UTC;
        }
        return zone(tz);
    }

    static ZoneId zone(Object name) {
        String id = TemplateValues.text(name);
        if (id.isEmpty()) {
            return defaultZone();
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date: unknown timezone '" + id + "'");
        }
    }

    /** PHP's date(format): each letter replaced, a backslash escapes the next character. */
    static String format(ZonedDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length()) {
                out.append(format.charAt(++i));
                continue;
            }
            out.append(letter(t, c));
        }
        return out.toString();
    }

    private static String letter(ZonedDateTime t, char c) {
        int offset = t.getOffset().getTotalSeconds();
        return switch (c) {
            case 'd' -> two(t.getDayOfMonth());
            case 'D' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'j' -> String.valueOf(t.getDayOfMonth());
            case 'l' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'N' -> String.valueOf(t.getDayOfWeek().getValue());
            case 'S' -> suffix(t.getDayOfMonth());
            case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            case 'z' -> String.valueOf(t.getDayOfYear() - 1);
            case 'W' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'F' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'm' -> two(t.getMonthValue());
            case 'M' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'n' -> String.valueOf(t.getMonthValue());
            case 't' -> String.valueOf(t.toLocalDate().lengthOfMonth());
            case 'L' -> t.toLocalDate().isLeapYear() ? "1" : "0";
            case 'o' -> String.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'Y' -> String.valueOf(t.getYear());
            case 'y' -> two(Math.floorMod(t.getYear(), 100));
            case 'a' -> t.getHour() < 12 ? "am" : "pm";
            case 'A' -> t.getHour() < 12 ? "AM" : "PM";
            case 'g' -> String.valueOf(hour12(t));
            case 'G' -> String.valueOf(t.getHour());
            case 'h' -> two(hour12(t));
            case 'H' -> two(t.getHour());
            case 'i' -> two(t.getMinute());
            case 's' -> two(t.getSecond());
            case 'u' -> String.format("%06d", t.get(ChronoField.MICRO_OF_SECOND));
            case 'v' -> String.format("%03d", t.get(ChronoField.MILLI_OF_SECOND));
            case 'e' -> t.getZone().getId();
            case 'I' -> t.getZone().getRules().isDaylightSavings(t.toInstant()) ? "1" : "0";
            case 'O' -> offset(offset, "");
            case 'P' -> offset(offset, ":");
            case 'p' -> offset == 0 ? "Z" : offset(offset, ":");
            case 'T' -> t.getZone() instanceof ZoneOffset ? offsetAbbreviation(offset)
                    : ZONE_ABBREVIATION.format(t);
            case 'Z' -> String.valueOf(offset);
            case 'c' -> format(t, "Y-m-d\\TH:i:sP");
            case 'r' -> format(t, "D, d M Y H:i:s O");
            case 'U' -> String.valueOf(t.toEpochSecond());
            default -> String.valueOf(c);
        };
    }

    private static String offsetAbbreviation(int offset) {
        return offset == 0 ? "UTC" : offset(offset, ":");
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String suffix(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static String offset(int seconds, String separator) {
        int abs = Math.abs(seconds);
        return (seconds < 0 ? "-" : "+") + two(abs / 3600) + separator + two(abs % 3600 / 60);
    }
}
