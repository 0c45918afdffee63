package dev.switchboard.host.engine;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cerb's date and time conditions, evaluated against the host clock:
 * {@code {"condition": "_day_of_week", "oper": "is", "day": ["1","2"]}} (ISO days, 1 = Monday … 7 = Sunday),
 * {@code {"condition": "_time_of_day", "oper": "between", "from": "8am", "to": "5:30pm"}} (wraps past midnight
 * when {@code to} is before {@code from}), {@code {"condition": "_month_of_year", "oper": "is", "month": ["12"]}}.
 * A {@code tz} (or {@code timezone}) param picks the time zone; UTC otherwise. {@code !} negates.
 */
public final class DateConditions {
    public static final Set<String> IDS = Set.of("_day_of_week", "_time_of_day", "_month_of_year");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?");

    private DateConditions() {
    }

    /** Evaluates one date condition. @throws Compare.BadComparison when its params are unusable */
    public static boolean test(String id, Map<String, Object> params, Clock clock) {
        String oper = params.get("oper") == null ? "is" : String.valueOf(params.get("oper")).trim();
        boolean negate = oper.startsWith("!");
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone(params));
        boolean r = switch (id) {
            case "_day_of_week" -> in(params.get("day"), now.getDayOfWeek().getValue(), "day");
            case "_month_of_year" -> in(params.get("month"), now.getMonthValue(), "month");
            case "_time_of_day" -> between(now.toLocalTime(), time(params.get("from"), "from"),
                    time(params.get("to"), "to"));
            default -> throw new Compare.BadComparison("unknown date condition " + id);
        };
        return negate != r;
    }

    private static ZoneId zone(Map<String, Object> params) {
        Object tz = params.containsKey("tz") ? params.get("tz") : params.get("timezone");
        if (tz == null || String.valueOf(tz).isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(String.valueOf(tz).trim());
        } catch (DateTimeException e) {
            throw new Compare.BadComparison("unknown time zone '" + tz + "'");
        }
    }

    private static boolean in(Object list, int value, String name) {
        List<?> items = list instanceof List<?> l ? l : list == null ? List.of() : List.of(list);
        for (Object o : items) {
            Double d = Values.number(o);
            if (d != null && d.intValue() == value) {
                return true;
            }
            if (d == null && o != null && name.equals("day") && dayName(String.valueOf(o)) == value) {
                return true;
            }
        }
        return false;
    }

    private static int dayName(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        String[] days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        for (int i = 0; i < days.length; i++) {
            if (t.startsWith(days[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    static LocalTime time(Object v, String name) {
        String s = v == null ? "" : String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (s.equals("noon")) {
            return LocalTime.NOON;
        }
        if (s.equals("midnight")) {
            return LocalTime.MIDNIGHT;
        }
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            throw new Compare.BadComparison("'" + name + "' is not a time of day: '" + s + "' (e.g. 8am, 17:30)");
        }
        int h = Integer.parseInt(m.group(1));
        int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (m.group(3) != null) {
            if (h < 1 || h > 12) {
                throw new Compare.BadComparison("'" + name + "' has an hour outside 1–12 with am/pm: '" + s + "'");
            }
            h = h % 12 + (m.group(3).startsWith("p") ? 12 : 0);
        }
        if (h > 23 || min > 59) {
            throw new Compare.BadComparison("'" + name + "' is not a time of day: '" + s + "'");
        }
        return LocalTime.of(h, min);
    }

    private static boolean between(LocalTime now, LocalTime from, LocalTime to) {
        if (!to.isBefore(from)) {
            return !now.isBefore(from) && !now.isAfter(to);
        }
        return !now.isBefore(from) || !now.isAfter(to); // the window wraps past midnight
    }
}
