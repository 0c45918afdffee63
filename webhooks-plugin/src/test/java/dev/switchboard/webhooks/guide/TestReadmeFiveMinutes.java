package dev.switchboard.webhooks.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.CliProcess;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's "Five minutes with it" block as written: the commands are read from README.md, split into the
 * numbered steps, and run as a shell would (quotes, {@code $T}, {@code T=$(…)}, line continuations) in a folder laid
 * out like the repository root, next to a real host started on a fresh data dir there. Only what a reader fills in
 * is substituted: the port the host got, and the {@code <guid>} and {@code <rid>} the previous steps printed.
 * {@code curl} is played by the JDK's HTTP client with the same options, {@code java -jar host/target/switchboard.jar}
 * by the same {@code Main} in a new JVM (the jar itself is built after the tests). Each step's promised output is
 * checked, so the README cannot drift from what the host does.
 */
class TestReadmeFiveMinutes {
    private static final HostJson JSON = new HostJson();
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String JAR = "host/target/switchboard.jar";
    private static final Pattern STEP = Pattern.compile("^# (\\d+)\\. .*");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_]\\w*)=\\$\\((.*)\\)$");

    @TempDir
    Path folder;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> shellVariables = new HashMap<>();
    private CliProcess.Result lastCli;

    /** One numbered step of the block: its commands, continuation lines joined. */
    record Step(int number, List<String> commands) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFiveMinutesWorkAsWrittenOnAFreshDataDir() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "the README starts with the embedded SQLite");
        List<Step> steps = steps(Files.readString(REPOSITORY.resolve("README.md")));
        assertThat(steps).extracting(Step::number).containsExactly(0, 1, 2, 3, 4, 5);

        // The repository root as the reader has it: the sample package where the README points, the server's
        // ./data here, the bundled plugin in the plugins folder.
        Files.createSymbolicLink(folder.resolve("sample-behaviors"), REPOSITORY.resolve("sample-behaviors"));
        Files.createDirectories(folder.resolve("plugins"));
        TestHost.copyJars(TestHost.pluginsUnderTest(), folder.resolve("plugins"));
        try (TestHost host = TestHost.start(folder, Map.of())) {
            Map<String, String> fill = new HashMap<>(Map.of("localhost:8080", "localhost:" + host.host().port()));

            run(steps.get(0), fill);
            assertThat(shellVariables.get("T")).as("step 0 keeps only the token in $T").matches("sbt_[A-Za-z0-9_-]+");
            assertThat(lastCli.err()).as("step 0 says which database it used")
                    .contains("database: " + folder.resolve("data").resolve("switchboard.db").toRealPath());

            Map<String, Object> imported = (Map<String, Object>) JSON.parse(run(steps.get(1), fill));
            Map<String, Object> listener = ((List<Map<String, Object>>) imported.get("records")).get(0);
            assertThat(listener).as("step 1 creates listener 1 and gives its url")
                    .containsEntry("_context", "webhook_listener").containsEntry("id", 1L);
            String url = (String) listener.get("url");
            assertThat(url).startsWith("http://localhost:" + host.host().port() + "/webhooks/");
            fill.put("<guid>", url.substring(url.lastIndexOf('/') + 1));

            String answer = run(steps.get(2), fill);
            assertThat(answer).as("step 2: the behavior's answer").startsWith("HTTP/1.1 200").containsIgnoringCase("X-Bot: Webhook Bot");
            Map<String, Object> echo = (Map<String, Object>) JSON.parse(answer.substring(answer.indexOf("\r\n\r\n")));
            assertThat((Map<String, Object>) echo.get("http")).containsEntry("verb", "POST")
                    .containsEntry("params", Map.of("name", "Joe Customer", "age", "37"));

            // the log is written in batches
            List<Map<String, Object>> requests = await("step 3 lists the call").atMost(Duration.ofSeconds(10))
                    .until(() -> (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(run(steps.get(3), fill)))
                            .get("requests"), r -> !r.isEmpty());
            assertThat(requests).as("step 3: the call is in listener 1's log").singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("method", "POST").containsEntry("status", 200L));
            fill.put("<rid>", String.valueOf(requests.get(0).get("id")));

            Map<String, Object> full = (Map<String, Object>) JSON.parse(run(steps.get(4), fill));
            assertThat((Map<String, Object>) full.get("request")).containsEntry("method", "POST")
                    .containsEntry("query", "name=Joe+Customer&age=37");
            Map<String, Object> response = (Map<String, Object>) full.get("response");
            assertThat(response).containsEntry("status", 200L);
            assertThat((String) response.get("body")).as("step 4: the response sent").contains("Joe Customer");
            assertThat((String) full.get("trace_text")).as("step 4: the behavior's trace").contains("set_http_body");

            assertThat(run(steps.get(5), fill)).as("step 5 lists the listener with its URL")
                    .contains("Webhook Example").contains(fill.get("<guid>"));
        }
    }

    /** The numbered steps of the first indented block under "## Five minutes with it". */
    static List<Step> steps(String readme) {
        int start = readme.indexOf("\n## Five minutes with it\n");
        assertThat(start).as("README has a 'Five minutes with it' section").isPositive();
        String section = readme.substring(start + 1);
        int next = section.indexOf("\n## ");
        section = next < 0 ? section : section.substring(0, next);
        List<String> block = new ArrayList<>();
        for (String line : section.split("\n", -1)) {
            if (line.startsWith("    ")) {
                block.add(line.substring(4));
            } else if (!block.isEmpty()) {
                break;
            }
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder pending = null;
        for (String line : block) {
            if (pending == null && line.startsWith("#")) {
                Matcher m = STEP.matcher(line);
                if (m.matches()) {
                    steps.add(new Step(Integer.parseInt(m.group(1)), new ArrayList<>()));
                }
                continue;
            }
            pending = pending == null ? new StringBuilder(line) : pending.append(' ').append(line.strip());
            if (line.endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else {
                assertThat(steps).as("a command before the first numbered step: " + pending).isNotEmpty();
                steps.get(steps.size() - 1).commands().add(pending.toString().strip());
                pending = null;
            }
        }
        return steps;
    }

    /** Runs a step's commands with the reader's fill-ins; returns the last one's standard output. */
    private String run(Step step, Map<String, String> fill) throws IOException, InterruptedException {
        String out = "";
        for (String command : step.commands()) {
            String filled = command;
            for (Map.Entry<String, String> f : fill.entrySet()) {
                filled = filled.replace(f.getKey(), f.getValue());
            }
            assertThat(filled).as("step %d still has a placeholder the earlier steps did not give", step.number())
                    .doesNotContainPattern("<[a-z_]+>");
            out = command(filled);
        }
        return out;
    }

    private String command(String command) throws IOException, InterruptedException {
        Matcher assignment = ASSIGNMENT.matcher(command);
        if (assignment.matches()) {
            String value = command(assignment.group(2));
            shellVariables.put(assignment.group(1), value.replaceAll("\n+$", ""));
            return "";
        }
        List<String> words = words(command);
        if (words.get(0).equals("curl")) {
            return curl(words.subList(1, words.size()));
        }
        if (words.size() > 2 && words.subList(0, 3).equals(List.of("java", "-jar", JAR))) {
            lastCli = CliProcess.run(folder, Map.of(), words.subList(3, words.size()));
            assertThat(lastCli.exit()).as(command + "\n" + lastCli).isZero();
            return lastCli.out();
        }
        return fail("the README runs a command this test cannot play: " + command);
    }

    /** Shell words: single quotes literal, double quotes with {@code $NAME}, bare {@code $NAME}, backslash escapes. */
    private List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
                continue;
            }
            w = w == null ? new StringBuilder() : w;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                w.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                for (i++; line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '$') {
                        i = variable(line, i, w);
                    } else {
                        w.append(line.charAt(line.charAt(i) == '\\' ? ++i : i));
                    }
                }
            } else if (c == '$') {
                i = variable(line, i, w);
            } else {
                w.append(line.charAt(c == '\\' ? ++i : i));
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    /** Appends {@code $NAME}'s value (an unset one fails, as with {@code set -u}); returns the index of its end. */
    private int variable(String line, int dollar, StringBuilder w) {
        Matcher m = Pattern.compile("[A-Za-z_]\\w*").matcher(line).region(dollar + 1, line.length());
        assertThat(m.lookingAt()).as("a $ that is not a variable in: " + line).isTrue();
        String value = shellVariables.get(m.group());
        assertThat(value).as("$" + m.group() + " is not set by an earlier step").isNotNull();
        w.append(value);
        return m.end() - 1;
    }

    /** curl with the options the README uses: -s, -i, -X, -H, -d, --data-binary (@file reads the file). */
    private String curl(List<String> args) throws IOException, InterruptedException {
        String method = null;
        String body = null;
        String url = null;
        boolean include = false;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-s" -> { }
                case "-i" -> include = true;
                case "-X" -> method = args.get(++i);
                case "-H" -> headers.add(args.get(++i));
                case "-d", "--data", "--data-binary" -> {
                    String v = args.get(++i);
                    body = v.startsWith("@") ? Files.readString(folder.resolve(v.substring(1))) : v;
                }
                default -> {
                    assertThat(a).as("a curl option this test does not play").doesNotStartWith("-");
                    url = a.contains("://") ? a : "http://" + a;
                }
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        boolean typed = false;
        for (String h : headers) {
            int colon = h.indexOf(':');
            request.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            typed |= h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/x-www-form-urlencoded"); // what curl sends with -d
        }
        request.method(method != null ? method : body != null ? "POST" : "GET",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (!include) {
            return r.body();
        }
        StringBuilder out = new StringBuilder("HTTP/1.1 " + r.statusCode() + "\r\n");
        r.headers().map().forEach((name, values) -> values.forEach(v -> out.append(name).append(": ").append(v)
                .append("\r\n")));
        return out.append("\r\n").append(r.body()).toString();
    }
}
