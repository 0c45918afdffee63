package dev.switchboard.host.cron;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One of a recurrent behavior's {@code repeat_patterns}: Cerb's five-field cron line ({@code minute hour
 * day-of-month month day-of-week}) with {@code *}, lists, ranges, steps ({@code *}{@code /15}, {@code 1-30/5}), month
 * and day names ({@code jan}, {@code mon}), 0 or 7 for Sunday, and the shorthands {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. When both day fields are
 * restricted a day matching either is due (as cron does).
 */
public final class CronPattern {
    private static final Map<String, String> SHORTHANDS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronPattern(String text, BitSet[] sets, boolean anyDom, boolean anyDow) {
        this.text = text;
        this.minutes = sets[0];
        this.hours = sets[1];
        this.daysOfMonth = sets[2];
        this.months = sets[3];
        this.daysOfWeek = sets[4];
        this.anyDayOfMonth = anyDom;
        this.anyDayOfWeek = anyDow;
    }

    /** Reads one cron line; throws {@link IllegalArgumentException} naming the line and the field it cannot read. */
    public static CronPattern parse(String line) {
        String text = line.trim();
        String expanded = SHORTHANDS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        String[] parts = expanded.split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("repeat pattern '" + text + "' must have 5 fields (minute hour "
                    + "day-of-month month day-of-week), not " + parts.length);
        }
        int[][] bounds = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
        BitSet[] sets = new BitSet[5];
        for (int i = 0; i < 5; i++) {
            sets[i] = field(text, i, parts[i].toLowerCase(Locale.ROOT), bounds[i][0], bounds[i][1]);
        }
        if (sets[4].get(7)) {
            sets[4].set(0);
        }
        return new CronPattern(text, sets, parts[2].equals("*") || parts[2].equals("?"),
                parts[4].equals("*") || parts[4].equals("?"));
    }

    private static BitSet field(String line, int index, String spec, int min, int max) {
        BitSet set = new BitSet(max + 1);
        for (String item : spec.split(",", -1)) {
            try {
                int step = 1;
                String range = item;
                int slash = item.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(item.substring(slash + 1));
                    range = item.substring(0, slash);
                    if (step < 1) {
                        throw new NumberFormatException();
                    }
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    from = min;
                    to = max;
                } else {
                    int dash = range.indexOf('-');
                    from = value(range.substring(0, dash < 0 ? range.length() : dash), index);
                    to = dash < 0 ? (slash >= 0 ? max : from) : value(range.substring(dash + 1), index);
                }
                if (from < min || to > max || from > to) {
                    throw new NumberFormatException();
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("repeat pattern '" + line + "': cannot read the " + FIELDS[index]
                        + " field '" + spec + "' (allowed: " + min + "–" + max + ", *, lists, ranges, steps)", e);
            }
        }
        return set;
    }

    private static int value(String v, int index) {
        if (index == 3 && MONTHS.contains(v)) {
            return MONTHS.indexOf(v) + 1;
        }
        if (index == 4 && DAYS.contains(v)) {
            return DAYS.indexOf(v);
        }
        return Integer.parseInt(v);
    }

    /** The first due minute strictly after {@code after}, in {@code after}'s zone; empty when none in 8 years. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = after.plusYears(8);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    @Override
    public String toString() {
        return text;
    }
}
