package dev.switchboard.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.BehaviorInfo;
import dev.switchboard.api.EventIds;
import dev.switchboard.host.engine.actions.SetCustomVarAction;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.FakeActionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test kit's {@link FakeActionContext} does around one action what the engine does (TestEngineActions checks the
 * engine with the same actions): params prepared per type, failures recorded and their writes undone, an action
 * outside its events or with side effects in the simulator not run, and what the action set against its outputs.
 */
class TestFakeActionContext {
    private static FakeActionContext ticket() {
        return FakeActionContext.on(EventIds.TICKET_CREATED);
    }

    @Test
    void paramsArrivePreparedAndTheCallSaysWhatWasSetAndNoted() {
        FakeActionContext ctx = ticket().with("name", "Ann").with(Map.of("count", 3L, "yes", "1"));
        FakeActionContext.Call call = ctx.run(new TestActions.Typed(), Map.of("n", "{{ count }}0", "flag",
                "{{ yes }}", "mode", "B", "map", Map.of("to", "{{ name }}", "deep", Map.of("x", "{{ name }}!")),
                "raw", List.of(1L, "{{ name }}"), "extra", "{{ name }}"));
        assertThat(call.error()).isNull();
        assertThat(call.ok()).isTrue();
        assertThat(call.ran()).isTrue();
        assertThat(call.params()).containsEntry("n", 30L).containsEntry("flag", true).containsEntry("mode", "B")
                .containsEntry("map", Map.of("to", "Ann", "deep", Map.of("x", "Ann!")))
                .containsEntry("raw", List.of(1L, "{{ name }}")).containsEntry("extra", "{{ name }}");
        assertThat(call.set()).containsOnlyKeys("typed");
        assertThat(call.undeclared()).containsExactly("typed");
        assertThat(ctx.dictionary()).containsEntry("name", "Ann").containsKey("typed");

        FakeActionContext.Call mail = ctx.run(new TestActions.SideEffect(), Map.of("to", "{{ name }}@example.com"));
        assertThat(mail.set()).isEqualTo(Map.of("mail_sent_to", "Ann@example.com"));
        assertThat(mail.notes()).containsExactly("sent to Ann@example.com");
        assertThat(ctx.notes()).containsExactly("sent to Ann@example.com");
        assertThat(ctx.render("{{ name|upper }} {{ mail_sent_to }}")).isEqualTo("ANN Ann@example.com");
    }

    @Test
    void aReportedFailureAndACrashSetNothingAndOnlyTheCrashEndsTheNode() {
        FakeActionContext ctx = ticket().with("kept", "yes");
        FakeActionContext.Call failed = ctx.run(new WritesThen(new dev.switchboard.api.ActionException("no, thanks")),
                Map.of());
        assertThat(failed.error()).isEqualTo("no, thanks");
        assertThat(failed.crashed()).isFalse();
        assertThat(failed.ok()).isFalse();
        assertThat(failed.set()).isEmpty();
        assertThat(ctx.dictionary()).isEqualTo(Map.of("kept", "yes"));

        FakeActionContext.Call crashed = ctx.run(new WritesThen(new IllegalStateException("plugin bug")), Map.of());
        assertThat(crashed.error()).isEqualTo("IllegalStateException: plugin bug");
        assertThat(crashed.crashed()).isTrue();
        assertThat(ctx.dictionary()).isEqualTo(Map.of("kept", "yes"));

        FakeActionContext.Call overflow = ctx.run(new WritesThen(new StackOverflowError()), Map.of());
        assertThat(overflow.error()).isEqualTo("StackOverflowError");
        assertThat(overflow.crashed()).isTrue();
        assertThat(ctx.dictionary()).isEqualTo(Map.of("kept", "yes"));
    }

    @Test
    void badParamsAWrongEventAndTheSimulatorStopItBeforeItRuns() {
        FakeActionContext.Call missing = ticket().run(new TestActions.Record(), Map.of());
        assertThat(missing.error()).isEqualTo("param 'value' is required");
        assertThat(missing.ran()).isFalse();

        FakeActionContext.Call notANumber = ticket().run(new TestActions.Typed(), Map.of("n", "ten"));
        assertThat(notANumber.error()).isEqualTo("param 'n' must be a number, not 'ten'");
        FakeActionContext.Call choice = ticket().run(new TestActions.Typed(), Map.of("mode", "c"));
        assertThat(choice.error()).isEqualTo("param 'mode' must be one of [a, b], not 'c'");

        FakeActionContext.Call elsewhere = FakeActionContext.on(EventIds.WEBHOOK_RECEIVED)
                .run(new TestActions.TicketOnly(), Map.of());
        assertThat(elsewhere.error()).isEqualTo("not available in " + EventIds.WEBHOOK_RECEIVED);
        assertThat(elsewhere.ran()).isFalse();

        FakeActionContext sim = ticket().simulating(true);
        FakeActionContext.Call skipped = sim.run(new TestActions.SideEffect(), Map.of("to", "ann@example.com"));
        assertThat(skipped.ran()).isFalse();
        assertThat(skipped.ok()).isTrue();
        assertThat(skipped.params()).isEqualTo(Map.of("to", "ann@example.com"));
        assertThat(sim.dictionary()).isEmpty();
        assertThat(sim.simulating()).isTrue();
    }

    /** A host action declares what it sets with {@code {var}}; the fake fills in the param and finds it declared. */
    @Test
    void outputsNamedAfterAParamAreDeclaredForTheValueGiven() {
        BehaviorInfo info = new BehaviorInfo(7, "b_x", "Mine", EventIds.TICKET_CREATED, 3, "Bot", false, 40);
        FakeActionContext ctx = ticket().behavior(info);
        FakeActionContext.Call call = ctx.run(new SetCustomVarAction(new HostJson()),
                Map.of("var", "answer", "value", "[1, 2]", "format", "json"));
        assertThat(call.set()).isEqualTo(Map.of("answer", List.of(1L, 2L)));
        assertThat(call.undeclared()).isEmpty();
        assertThat(ctx.behavior()).isEqualTo(info);
        assertThat(ctx.eventId()).isEqualTo(EventIds.TICKET_CREATED);
    }

    /** Sets {@code partial}, then throws. */
    private record WritesThen(Throwable thrown) implements Action {
        public String id() {
            return "writes_then_throws";
        }

        public String label() {
            return "writes, then throws";
        }

        public List<ActionParam> params() {
            return List.of();
        }

        public void execute(ActionContext ctx, Map<String, Object> params) {
            ctx.dictionary().put("partial", true);
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) thrown;
        }
    }
}
