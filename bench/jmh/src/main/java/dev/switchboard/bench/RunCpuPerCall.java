package dev.switchboard.bench;

import dev.switchboard.api.BehaviorRun;
import dev.switchboard.host.engine.ActionRunner;
import dev.switchboard.host.engine.Behavior;
import dev.switchboard.host.engine.BehaviorValidator;
import dev.switchboard.host.engine.Bot;
import dev.switchboard.host.engine.CompiledBehavior;
import dev.switchboard.host.engine.Engine;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.template.TemplateEngine;
import dev.switchboard.webhooks.inbound.SetHttpBodyAction;
import dev.switchboard.webhooks.inbound.SetHttpHeaderAction;
import dev.switchboard.webhooks.inbound.SetHttpStatusAction;
import dev.switchboard.webhooks.inbound.WebhookReceivedEvent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per behavior run of the seed "Webhook Bot" package's behavior, on one thread, through the real engine
 * (templates, action params, the webhooks plugin's actions, the trace): what a webhook call spends in the run,
 * without HTTP and the request log. Run from the repository root, after {@code mvn -Pbench package -DskipTests}:
 * {@code java -cp bench/jmh/target/benchmarks.jar dev.switchboard.bench.RunCpuPerCall [runs per round] [package]}.
 * Warms up two rounds, then prints five.
 */
public final class RunCpuPerCall {
    private RunCpuPerCall() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path pkg = Path.of(args.length > 1 ? args[1] : "sample-behaviors/src/main/resources/packages/webhook-bot.json");
        HostJson json = new HostJson();
        TemplateEngine templates = new TemplateEngine();
        Extensions.Builder builder = new Extensions.Builder();
        List.of(new WebhookReceivedEvent(), new SetHttpStatusAction(), new SetHttpHeaderAction(),
                new SetHttpBodyAction()).forEach(ext -> builder.add("cerb.webhooks", ext));
        Extensions extensions = builder.build();
        try (ActionRunner runner = new ActionRunner(2_000)) {
            Engine engine = new Engine(templates, () -> extensions, Clock.systemUTC(), json, runner,
                    Duration.ofSeconds(30));
            CompiledBehavior behavior = seedBehavior(json, pkg, new BehaviorValidator(() -> extensions, templates));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long traced = 0;
            for (int round = -2; round < 5; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    BehaviorRun run = engine.run(behavior, placeholders(), false);
                    if (!run.errors().isEmpty()) {
                        throw new IllegalStateException("the seed run failed: " + run.errors());
                    }
                    traced += run.trace().size();
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                if (round >= 0) {
                    System.out.printf("round %d: %.1f us CPU per run%n", round, cpu / 1e3 / n);
                }
            }
            System.out.println("(" + traced + " trace entries)");
        }
    }

    @SuppressWarnings("unchecked")
    private static CompiledBehavior seedBehavior(HostJson json, Path pkg, BehaviorValidator validator)
            throws IOException {
        Map<String, Object> root = (Map<String, Object>) json.parse(Files.readString(pkg));
        Map<String, Object> bot = ((List<Map<String, Object>>) root.get("bots")).get(0);
        Map<String, Object> b = ((List<Map<String, Object>>) bot.get("behaviors")).get(0);
        String event = (String) ((Map<String, Object>) b.get("event")).get("key");
        Map<String, Object> variables = (Map<String, Object>) b.getOrDefault("variables", Map.of());
        Object nodes = b.get("nodes");
        Behavior behavior = new Behavior(1, (String) b.get("uid"), 1, (String) b.get("title"), event, 50, false, false,
                variables, nodes, 0, 0);
        Bot owner = new Bot(1, (String) bot.get("uid"), (String) bot.get("name"), false,
                (Map<String, Object>) bot.get("params"), Map.of(), null, 0, 0);
        return new CompiledBehavior(behavior, owner, validator.validate(event, variables, nodes, "nodes"));
    }

    /** The placeholders the webhooks plugin builds for bench/wrk/webhook-post.lua's request (a new map per call). */
    private static Map<String, Object> placeholders() {
        Map<String, Object> dict = new HashMap<>(TemplateRenderBenchmark.seedDictionary());
        dict.remove("va_name");
        return dict;
    }
}
