package dev.switchboard.host.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.BehaviorRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Param preparation per type, isolation of plugin actions, the simulator's handling of side effects. */
class TestEngineActions {

    private static String node(String actions) {
        return "[{'type':'action','title':'Do','params':{'actions':[" + actions + "]}}]";
    }

    @Test
    void paramsArePreparedPerType() {
        try (EngineFixture f = new EngineFixture()) {
            BehaviorRun run = f.run(node("{'action':'typed','n':'{{ 40 + 2 }}','flag':'1','mode':'B',"
                    + "'map':{'greeting':'hi {{ who }}','nested':{'x':'{{ who|upper }}'},'n':3},"
                    + "'raw':{'keep':'{{ who }}'},'extra':'as given {{ who }}'}"), Map.of("who", "ann"));
            assertThat(run.errors()).isEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) run.dictionary().get("typed");
            assertThat(p).containsEntry("n", 42L).containsEntry("flag", true).containsEntry("mode", "B")
                    .containsEntry("map", Map.of("greeting", "hi ann", "nested", Map.of("x", "ANN"), "n", 3L))
                    .containsEntry("raw", Map.of("keep", "{{ who }}")).containsEntry("extra", "as given {{ who }}");
        }
    }

    @Test
    void aChoiceOutsideTheListAndAMissingRequiredParamAreRefusedAtSave() {
        try (EngineFixture f = new EngineFixture()) {
            assertThatThrownBy(() -> f.behavior(node("{'action':'typed','mode':'c'}"), null))
                    .hasMessageContaining("must be one of").hasMessageContaining("nodes[0].params.actions[0]");
            assertThatThrownBy(() -> f.behavior(node("{'action':'record'}"), null))
                    .hasMessageContaining("param 'value' is required");
            assertThatThrownBy(() -> f.behavior(node("{'action':'nope'}"), null))
                    .hasMessageContaining("Unknown action 'nope'")
                    .hasMessageContaining("nodes[0].params.actions[0].action");
            assertThatThrownBy(() -> f.behavior(node("{'action':'ticket_only'}"), null))
                    .hasMessageContaining("Action 'ticket_only' is not available in event 'test.event'");
            assertThatThrownBy(() -> f.behavior(node("{'action':'var_undeclared','value':'1'}"), null))
                    .hasMessageContaining("Unknown variable 'var_undeclared'");
            assertThatThrownBy(() -> f.behavior(node("{'action':'_run_subroutine','subroutine':'Missing'}"), null))
                    .hasMessageContaining("No subroutine titled 'Missing'");
        }
    }

    @Test
    void aHangingPluginActionIsAbandonedAtItsDeadlineAndTheRunGoesOn() {
        try (EngineFixture f = new EngineFixture(300)) {
            long t0 = System.nanoTime();
            // the node ends at the failed action; the next node runs
            BehaviorRun run = f.run("[{'type':'action','title':'Do','params':{'actions':[{'action':'hang'},"
                    + "{'action':'record','value':'skipped'}]}},"
                    + "{'type':'action','title':'Next','params':{'actions':[{'action':'record','value':'after'}]}}]",
                    Map.of());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isLessThan(5_000);
            assertThat(run.errors()).singleElement().asString().contains("'Do'").contains("hang")
                    .contains("did not finish within 300 ms");
            assertThat(run.dictionary().get("calls")).isEqualTo(List.of("after"));
            assertThat(run.dictionary()).doesNotContainKey("hang_finished");
        }
    }

    @Test
    void theSimulatorDescribesSideEffectActionsInsteadOfRunningThem() {
        try (EngineFixture f = new EngineFixture()) {
            CompiledBehavior b = f.behavior(node("{'action':'send_mail','to':'{{ who }}@example.com'},"
                    + "{'action':'record','value':'plain'}"), null);
            BehaviorRun sim = f.engine.run(b, Map.of("who", "ann"), true);
            assertThat(sim.dictionary()).doesNotContainKey("mail_sent_to").containsEntry("calls", List.of("plain"));
            assertThat(String.join("\n", Engine.traceText(sim))).contains("send_mail {to=ann@example.com}")
                    .contains("not run in the simulator");
            BehaviorRun live = f.engine.run(b, Map.of("who", "ann"), false);
            assertThat(live.dictionary()).containsEntry("mail_sent_to", "ann@example.com");
            assertThat(String.join("\n", Engine.traceText(live))).contains("note: sent to ann@example.com");
        }
    }

    @Test
    void anActionDisabledForTheEventAtRunTimeIsAnErrorNotACrash() {
        try (EngineFixture f = new EngineFixture()) {
            // Saved while valid, then the tree is run on an event where the action is unavailable.
            Behavior beh = new Behavior(1, null, 1, "t", "other.event", 50, false, false, Map.of(),
                    List.of(), 0, 0);
            Bot bot = new Bot(1, null, "b", false, Map.of(), Map.of(), null, 0, 0);
            CompiledBehavior b = new CompiledBehavior(beh, bot, TreeParser.parse(f.json.parse(EngineFixture.quotes(
                    node("{'action':'ticket_only'},{'action':'gone'},{'action':'record','value':'x'}"))), "nodes"));
            BehaviorRun run = f.engine.run(b, Map.of(), false);
            assertThat(run.errors()).hasSize(2);
            assertThat(run.errors().get(0)).contains("not available in other.event");
            assertThat(run.errors().get(1)).contains("unknown action");
            assertThat(run.dictionary().get("calls")).isEqualTo(List.of("x"));
        }
    }
}
