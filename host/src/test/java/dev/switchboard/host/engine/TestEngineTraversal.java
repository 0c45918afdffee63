package dev.switchboard.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.BehaviorRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cerb's traversal rules, one row each: the tree, the placeholders, and the {@code calls} the {@code record} action
 * saw, in order (plus whether {@code _exit} stopped the run).
 */
class TestEngineTraversal {
    private static final EngineFixture F = new EngineFixture();

    @AfterAll
    static void close() {
        F.close();
    }

    static String act(String title, String... values) {
        StringBuilder a = new StringBuilder();
        for (String v : values) {
            if (a.length() > 0) {
                a.append(',');
            }
            a.append(v.startsWith("{'") ? v : "{'action':'record','value':'" + v + "'}");
        }
        return "{'type':'action','title':'" + title + "','params':{'actions':[" + a + "]}}";
    }

    static String outcome(String title, String groups, String... children) {
        return "{'type':'outcome','title':'" + title + "','params':{'groups':" + groups + "},'nodes':["
                + String.join(",", children) + "]}";
    }

    static String cond(String placeholder, String oper, String value) {
        return "{'condition':'" + placeholder + "','oper':'" + oper + "','value':'" + value + "'}";
    }

    static String all(String... conds) {
        return "{'any':0,'conditions':[" + String.join(",", conds) + "]}";
    }

    static String any(String... conds) {
        return "{'any':1,'conditions':[" + String.join(",", conds) + "]}";
    }

    static String sw(String title, String... outcomes) {
        return "{'type':'switch','title':'" + title + "','nodes':[" + String.join(",", outcomes) + "]}";
    }

    static String tree(String... nodes) {
        return "[" + String.join(",", nodes) + "]";
    }

    static Stream<Arguments> rules() {
        Map<String, Object> post = Map.of("verb", "POST", "n", 5);
        return Stream.of(
                row("root runs every child in order", tree(act("A", "a"), act("B", "b")), post, false, "a", "b"),
                row("an action node runs its actions in order", tree(act("A", "a", "b", "c")), post, false,
                        "a", "b", "c"),
                row("a switch takes the first passing outcome only",
                        tree(sw("S", outcome("no", "[" + all(cond("verb", "is", "GET")) + "]", act("x", "get")),
                                outcome("yes", "[" + all(cond("verb", "is", "post")) + "]", act("y", "post")),
                                outcome("also", "[" + all(cond("n", "is", "5")) + "]", act("z", "also")))),
                        post, false, "post"),
                row("a switch falls through to the outcome without conditions (else)",
                        tree(sw("S", outcome("no", "[" + all(cond("verb", "is", "GET")) + "]", act("x", "get")),
                                outcome("else", "[]", act("e", "else")))), post, false, "else"),
                row("an else placed first wins, as in Cerb", tree(sw("S", outcome("else", "[]", act("e", "else")),
                        outcome("yes", "[" + all(cond("verb", "is", "POST")) + "]", act("y", "post")))), post, false,
                        "else"),
                row("no outcome passes: nothing runs", tree(sw("S", outcome("no", "[" + all(cond("verb", "is", "GET"))
                        + "]", act("x", "get")))), post, false),
                row("all (any=0): one false condition fails the group",
                        tree(outcome("o", "[" + all(cond("verb", "is", "POST"), cond("n", "gt", "9")) + "]",
                                act("x", "ran"))), post, false),
                row("any (any=1): one true condition passes the group",
                        tree(outcome("o", "[" + any(cond("verb", "is", "GET"), cond("n", "gt", "1")) + "]",
                                act("x", "ran"))), post, false, "ran"),
                row("every group must pass", tree(outcome("o", "[" + all(cond("verb", "is", "POST")) + ","
                        + all(cond("n", "lt", "1")) + "]", act("x", "ran"))), post, false),
                row("a group without conditions passes", tree(outcome("o", "[" + all() + "]", act("x", "ran"))),
                        post, false, "ran"),
                row("a disabled node is skipped with its subtree", tree(
                        "{'type':'action','title':'off','status':'disabled','params':{'actions':"
                                + "[{'action':'record','value':'off'}]}}", act("on", "on")), post, false, "on"),
                row("a simulator node does not run live", tree(
                        "{'type':'action','title':'sim','status':'simulator','params':{'actions':"
                                + "[{'action':'record','value':'sim'}]}}", act("on", "on")), post, false, "on"),
                row("a disabled outcome is passed over by its switch", tree(sw("S",
                        "{'type':'outcome','title':'off','status':'disabled','params':{'groups':[]},'nodes':["
                                + act("x", "off") + "]}", outcome("else", "[]", act("e", "else")))), post, false,
                        "else"),
                row("a loop over a list sets <ph>, <ph>__key, <ph>__counter", tree(
                        "{'type':'loop','title':'L','params':{'foreach_json':'[\\u0022x\\u0022,\\u0022y\\u0022]',"
                                + "'as_placeholder':'item'},'nodes':["
                                + act("A", "{{item}}-{{item__key}}-{{item__counter}}") + "]}"), post, false,
                        "x-0-1", "y-1-2"),
                row("a loop over an object iterates its keys in order", tree(
                        "{'type':'loop','title':'L','params':{'foreach_json':'{{ obj|tojson }}',"
                                + "'as_placeholder':'it'},'nodes':[" + act("A", "{{it__key}}={{it}}#{{it__counter}}")
                                + "]}"), Map.of("obj", Map.of("k", "v")), false, "k=v#1"),
                row("a loop whose JSON renders empty runs nothing", tree(
                        "{'type':'loop','title':'L','params':{'foreach_json':'{{ missing }}','as_placeholder':'i'},"
                                + "'nodes':["
                                + act("A", "x") + "]}", act("after", "after")), post, false, "after"),
                row("a subroutine runs only when called", tree(
                        "{'type':'subroutine','title':'Sub','nodes':[" + act("s", "sub") + "]}", act("A", "a")),
                        post, false, "a"),
                row("_run_subroutine runs it and continues", tree(
                        "{'type':'subroutine','title':'Sub','nodes':[" + act("s", "sub") + "]}",
                        act("A", "a", "{'action':'_run_subroutine','subroutine':'sub'}", "c")), post, false,
                        "a", "sub", "c"),
                row("_exit stops the node and every later node", tree(
                        act("A", "a", "{'action':'_exit'}", "b"), act("B", "c")), post, true, "a"),
                row("_exit inside a subroutine stops the caller too", tree(
                        "{'type':'subroutine','title':'Sub','nodes':[" + act("s", "sub", "{'action':'_exit'}") + "]}",
                        act("A", "a", "{'action':'_run_subroutine','subroutine':'Sub'}", "after")), post, true,
                        "a", "sub"),
                row("_exit inside a loop ends the loop", tree(
                        "{'type':'loop','title':'L','params':{'foreach_json':'[1,2,3]','as_placeholder':'i'},"
                                + "'nodes':[" + act("A", "{{i}}", "{'action':'_exit'}") + "]}", act("B", "after")),
                        post, true, "1"),
                row("an outcome inside a loop sees each item", tree(
                        "{'type':'loop','title':'L','params':{'foreach_json':'[1,7,3]','as_placeholder':'i'},"
                                + "'nodes':[" + sw("S", outcome("big", "[" + all(cond("i", "gt", "2")) + "]",
                                act("A", "big {{i}}"))) + "]}"), post, false, "big 7", "big 3"));
    }

    private static Arguments row(String name, String tree, Map<String, Object> placeholders, boolean exited,
                                 String... calls) {
        return Arguments.of(name, tree, placeholders, exited, List.of(calls));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void traversal(String name, String tree, Map<String, Object> placeholders, boolean exited, List<String> calls) {
        BehaviorRun run = F.run(tree, placeholders);
        assertThat(run.errors()).as("errors of " + name + "\n" + String.join("\n", F.trace(run))).isEmpty();
        assertThat(run.dictionary().getOrDefault("calls", List.of())).as(name + "\n"
                + String.join("\n", F.trace(run))).isEqualTo(calls);
        assertThat(run.exited()).isEqualTo(exited);
    }

    @Test
    void simulatorNodesRunInADryRun() {
        String tree = tree("{'type':'action','title':'sim','status':'simulator','params':{'actions':"
                + "[{'action':'record','value':'sim'}]}}");
        BehaviorRun run = F.engine.run(F.behavior(tree, null), Map.of(), true);
        assertThat(run.dictionary().get("calls")).isEqualTo(List.of("sim"));
    }

    @Test
    void aFailingActionIsRecordedWithItsNodeTitleACrashEndsItsNodeAndTheNextNodesRun() {
        BehaviorRun run = F.run(tree(act("First", "{'action':'fail'}", "a"), act("Second", "{'action':'boom'}", "b"),
                act("Third", "{'action':'typed','n':'{{ who }}'}", "c"),
                "{'type':'loop','title':'Fourth','params':{'foreach_json':'nope','as_placeholder':'i'},'nodes':[]}",
                act("Fifth", "d")), Map.of("who", "abc"));
        // an action that crashes ends its node (as in Cerb); an ActionException or refused params fail it alone
        assertThat(run.dictionary().get("calls")).isEqualTo(List.of("a", "c", "d"));
        assertThat(run.errors()).hasSize(4);
        assertThat(run.errors().get(0)).contains("'First'").contains("fail").contains("refused on purpose");
        assertThat(run.errors().get(1)).contains("'Second'").contains("boom").contains("plugin bug");
        assertThat(run.errors().get(2)).contains("'Third'").contains("typed").contains("must be a number");
        assertThat(run.errors().get(3)).contains("'Fourth'").contains("foreach_json").contains("invalid JSON");
    }

    @Test
    void aSubroutineCallingItselfStopsWithAnErrorInsteadOfRecursingForever() {
        BehaviorRun run = F.run(tree("{'type':'subroutine','title':'Loop','nodes':["
                + act("s", "s", "{'action':'_run_subroutine','subroutine':'Loop'}") + "]}",
                act("A", "{'action':'_run_subroutine','subroutine':'Loop'}", "after")), Map.of());
        assertThat(run.errors()).isNotEmpty().anyMatch(e -> e.contains("nested deeper"));
        @SuppressWarnings("unchecked")
        List<Object> calls = (List<Object>) run.dictionary().get("calls");
        assertThat(calls).hasSize(Run.MAX_CALL_DEPTH + 1).endsWith("after");
    }

    @Test
    void theDictionaryHoldsTheBotTheBehaviorAndVariableDefaults() {
        CompiledBehavior b = F.behavior(tree(act("A", "{{va_name}}/{{va_config.greeting}}/{{behavior_name}}")),
                "{'var_text':{'key':'var_text','label':'T','type':'S'},"
                        + "'var_num':{'key':'var_num','label':'N','type':'N'},"
                        + "'var_def':{'key':'var_def','label':'D','type':'S','params':{'default':'dflt'}},"
                        + "'var_secret':{'key':'var_secret','label':'P','type':'S','is_private':1}}");
        BehaviorRun run = F.engine.run(b, Map.of("var_text", "given", "var_secret", "spoofed", "extra", 1), false);
        Map<String, Object> d = run.dictionary();
        assertThat(d).containsEntry("va_id", 3L).containsEntry("va_name", "Test Bot")
                .containsEntry("va_config", Map.of("greeting", "hi")).containsEntry("behavior_id", 7L)
                .containsEntry("behavior_name", "Test behavior").containsEntry("behavior_priority", 40)
                .containsEntry("var_text", "given").containsEntry("var_num", 0L).containsEntry("var_def", "dflt")
                .containsEntry("var_secret", "").containsEntry("extra", 1);
        assertThat(d.get("calls")).isEqualTo(List.of("Test Bot/hi/Test behavior"));
    }

    @Test
    void variableSettersAndSetCustomVarWriteTheDictionary() {
        CompiledBehavior b = F.behavior(tree(act("Set",
                "{'action':'var_count','value':'{{ n + 1 }}'}",
                "{'action':'var_flag','value':'1'}",
                "{'action':'var_name','value':'{{ who|upper }}'}",
                "{'action':'_set_custom_var','var':'obj','value':'{\\u0022a\\u0022: [1, 2]}','format':'json'}",
                "{'action':'_set_custom_var','var':'bad','value':'{nope','format':'json'}",
                "{'action':'_set_custom_var','var':'txt','value':'{{ who }}!'}")),
                "{'var_count':{'key':'var_count','type':'N'},'var_flag':{'key':'var_flag','type':'C'},"
                        + "'var_name':{'key':'var_name','type':'S'}}");
        BehaviorRun run = F.engine.run(b, Map.of("n", 41, "who", "ann"), false);
        assertThat(run.errors()).isEmpty();
        assertThat(run.dictionary()).containsEntry("var_count", 42L).containsEntry("var_flag", true)
                .containsEntry("var_name", "ANN").containsEntry("obj", Map.of("a", List.of(1L, 2L)))
                .containsEntry("bad", null).containsEntry("txt", "ann!");
    }

    @Test
    void theTraceShowsNodesConditionsAndRenderedActionParams() {
        BehaviorRun run = F.run(tree(sw("Route", outcome("Is POST", "[" + all(cond("verb", "is", "POST")) + "]",
                act("Answer", "hello {{verb}}")))), Map.of("verb", "POST"));
        List<String> text = F.trace(run);
        assertThat(String.join("\n", text)).contains("switch 'Route'").contains("[pass] outcome 'Is POST'")
                .contains("[true] verb is 'POST' (actual 'POST')").contains("action 'Answer'")
                .contains("action record {value=hello POST} → ok");
        List<String> kinds = new ArrayList<>();
        run.trace().forEach(e -> kinds.add(String.valueOf(e.get("kind"))));
        assertThat(kinds).containsExactly("node", "node", "condition", "node", "action");
    }
}
