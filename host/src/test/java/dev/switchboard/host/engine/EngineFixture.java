package dev.switchboard.host.engine;

import dev.switchboard.api.BehaviorRun;
import dev.switchboard.host.engine.actions.ExitAction;
import dev.switchboard.host.engine.actions.RunSubroutineAction;
import dev.switchboard.host.engine.actions.SetCustomVarAction;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.plugins.Extensions;
import dev.switchboard.host.template.TemplateEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * An engine without a host: the global actions as host built-ins, the test actions as plugin "test" (so they run
 * isolated with a deadline), a fixed clock (Wednesday 2026-11-18 14:30 UTC).
 */
final class EngineFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-18T14:30:00Z");
    final HostJson json = new HostJson();
    final TemplateEngine templates = new TemplateEngine();
    final Extensions extensions;
    final ActionRunner runner;
    final Engine engine;
    final BehaviorValidator validator;

    EngineFixture() {
        this(2_000);
    }

    EngineFixture(long timeoutMs) {
        Extensions.Builder b = new Extensions.Builder();
        b.add("host", new SetCustomVarAction(json));
        b.add("host", new ExitAction());
        b.add("host", new RunSubroutineAction());
        TestActions.all().forEach(ext -> b.add("test", ext));
        this.extensions = b.build();
        this.runner = new ActionRunner(timeoutMs);
        this.engine = new Engine(templates, () -> extensions, Clock.fixed(NOW, ZoneOffset.UTC), json, runner,
                java.time.Duration.ofSeconds(30));
        this.validator = new BehaviorValidator(() -> extensions, templates);
    }

    /** A behavior on {@link TestActions#EVENT} with this tree (JSON text, single quotes allowed for brevity). */
    CompiledBehavior behavior(String nodesJson, String variablesJson) {
        Object nodes = json.parse(quotes(nodesJson));
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = variablesJson == null ? Map.of()
                : (Map<String, Object>) json.parse(quotes(variablesJson));
        Behavior beh = new Behavior(7, "b", 3, "Test behavior", TestActions.EVENT, 40, false, false, vars, nodes, 0, 0);
        Bot bot = new Bot(3, "bot", "Test Bot", false, Map.of("config", Map.of("greeting", "hi")), Map.of(), null, 0,
                0);
        return new CompiledBehavior(beh, bot, validator.validate(TestActions.EVENT, vars, nodes, "nodes"));
    }

    /** Tests write JSON with single quotes; a literal double quote inside a value is written \u0022. */
    static String quotes(String json) {
        return json.replace('\'', '"');
    }

    BehaviorRun run(String nodesJson, Map<String, Object> placeholders) {
        return engine.run(behavior(nodesJson, null), placeholders, false);
    }

    List<String> trace(BehaviorRun run) {
        return Engine.traceText(run);
    }

    @Override
    public void close() {
        runner.close();
    }
}
