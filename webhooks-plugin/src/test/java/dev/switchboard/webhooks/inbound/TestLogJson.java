package dev.switchboard.webhooks.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Header;
import dev.switchboard.host.json.HostJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request log's hand-written JSON is the host's JSON (Jackson) character for character, so rows read back as
 * they did and the redactor's escaped forms match; what it does not write itself it hands to the host's JSON.
 */
class TestLogJson {
    private final HostJson host = new HostJson();
    private final LogJson json = new LogJson(host);
    private final StringBuilder buf = new StringBuilder();

    /** Every UTF-16 unit, in groups: control characters, quotes, backslash, slash, non-ASCII, lone surrogates. */
    private static List<String> everyChar() {
        List<String> out = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            chunk.append((char) c);
            if (chunk.length() == 512) {
                out.add(chunk.toString());
                chunk.setLength(0);
            }
        }
        out.addAll(List.of("", "plain", "a\"b\\c/d", "tab\there\nnew\rline\bback\fform\u0000nul\u001f\u007f",
                "ünïcødé ✓ 😀", "</script>"));
        return out;
    }

    @Test
    void headerPairsAreWhatJacksonWrites() {
        List<Header> headers = new ArrayList<>();
        List<List<String>> pairs = new ArrayList<>();
        for (String s : everyChar()) {
            headers.add(new Header("X-" + s.length(), s));
            pairs.add(List.of("X-" + s.length(), s));
        }
        headers.add(new Header("Authorization", "Bearer secret-token"));
        pairs.add(List.of("Authorization", "********"));
        String written = json.headers(buf, headers, name -> name.equals("Authorization"), "********");
        assertThat(written).isEqualTo(host.write(pairs));
        assertThat(json.headers(buf, List.of(), name -> false, null)).isEqualTo("[]");
    }

    @Test
    void traceValuesAreWhatJacksonWrites() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("depth", 0);
        entry.put("kind", "action");
        entry.put("title", "Set \"body\"\n");
        entry.put("params", new LinkedHashMap<>(Map.of("status", 201L)));
        entry.put("nothing", null);
        entry.put("flag", true);
        entry.put("numbers", Arrays.asList((byte) 1, (short) 2, 3, 4L, 5.5, 0.1f, -0.0, 1e300, 1e-7,
                BigInteger.TEN.pow(30), Long.MIN_VALUE, Double.MIN_VALUE));
        entry.put("list", List.of(List.of(), Map.of(), List.of("a", List.of("b"))));
        entry.put("set", new LinkedHashSet<>(List.of("x", "y")));
        entry.put("texts", everyChar());
        // Handed to the host's JSON: a decimal, NaN, an array, a map with a non-text key.
        entry.put("decimal", new BigDecimal("1.50"));
        entry.put("nan", Double.NaN);
        entry.put("infinite", Float.NEGATIVE_INFINITY);
        entry.put("array", new int[] {1, 2});
        entry.put("numbered", Map.of(1, "one"));
        List<Map<String, Object>> trace = List.of(entry, Map.of("kind", "exit"));
        String written = json.value(buf, trace);
        assertThat(written).isEqualTo(host.write(trace));
        assertThat(json.value(buf, List.of())).isEqualTo("[]");
    }

    @Test
    void escapedIsTheInsideOfTheJsonString() {
        for (String s : everyChar()) {
            String quoted = host.write(s);
            assertThat(LogJson.escaped(s)).isEqualTo(quoted.substring(1, quoted.length() - 1));
        }
    }
}
