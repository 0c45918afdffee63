package dev.switchboard.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.BehaviorRun;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator, with and without {@code !}, through a real outcome: the row's condition object decides whether
 * the outcome's action runs. Placeholders: s = "Hello World", n = 10, ticket = {status: "open"},
 * headers = {x_event: "ping"}, flag = true, empty = "".
 */
class TestEngineConditions {
    private static final EngineFixture F = new EngineFixture();
    private static final Map<String, Object> DICT = Map.of("s", "Hello World", "n", 10, "ticket",
            Map.of("status", "open"), "headers", Map.of("x_event", "ping"), "flag", true, "empty", "",
            "want", "hello world", "file", "Report.TXT");

    @AfterAll
    static void close() {
        F.close();
    }

    static Stream<Arguments> operators() {
        return Stream.of(
                row("{'condition':'s','oper':'is','value':'hello world'}", true),
                row("{'condition':'s','oper':'!is','value':'hello world'}", false),
                row("{'condition':'s','oper':'is','value':'Hello'}", false),
                row("{'condition':'s','oper':'!is','value':'Hello'}", true),
                row("{'condition':'s','oper':'is','value':'{{ want }}'}", true),
                row("{'condition':'s','oper':'contains','value':'WORLD'}", true),
                row("{'condition':'s','oper':'!contains','value':'WORLD'}", false),
                row("{'condition':'s','oper':'contains','value':'planet'}", false),
                row("{'condition':'file','oper':'like','value':'*.txt'}", true),
                row("{'condition':'file','oper':'like','value':'report*'}", true),
                row("{'condition':'file','oper':'like','value':'*port*'}", true),
                row("{'condition':'file','oper':'like','value':'report'}", false),
                row("{'condition':'file','oper':'!like','value':'*.txt'}", false),
                row("{'condition':'file','oper':'like','value':'Report.T?T'}", false),
                row("{'condition':'s','oper':'regexp','value':'/^hello/i'}", true),
                row("{'condition':'s','oper':'regexp','value':'/^hello/'}", false),
                row("{'condition':'s','oper':'!regexp','value':'/^hello/'}", true),
                row("{'condition':'s','oper':'regexp','value':'#World$#'}", true),
                row("{'condition':'s','oper':'regexp','value':'{o\\\\sW}'}", true),
                row("{'condition':'n','oper':'is','value':'10'}", true),
                row("{'condition':'n','oper':'is','value':'10.0'}", true),
                row("{'condition':'n','oper':'!is','value':'10'}", false),
                row("{'condition':'n','oper':'gt','value':'9'}", true),
                row("{'condition':'n','oper':'gt','value':'10'}", false),
                row("{'condition':'n','oper':'!gt','value':'10'}", true),
                row("{'condition':'n','oper':'lt','value':'11'}", true),
                row("{'condition':'n','oper':'!lt','value':'11'}", false),
                row("{'condition':'s','oper':'gt','value':'1'}", false),
                row("{'condition':'s','oper':'!gt','value':'1'}", true),
                row("{'condition':'ticket.status','oper':'is','value':'OPEN'}", true),
                row("{'condition':'missing','oper':'is','value':''}", true),
                row("{'condition':'empty','oper':'!is','value':''}", false),
                row("{'condition':'test_header','name':'X-Event','oper':'is','value':'ping'}", true),
                row("{'condition':'test_header','name':'X-Event','oper':'!is','value':'ping'}", false),
                row("{'condition':'test_header','name':'X-Other','oper':'is','value':''}", true),
                row("{'condition':'_custom_script','tpl':'  {{ s|lower }} ','oper':'is','value':'hello world'}",
                        true),
                row("{'condition':'_custom_script','tpl':'{{ n * 2 }}','oper':'!is','value':'20'}", false),
                row("{'condition':'_custom_script','tpl':'{% if n > 5 %}big{% endif %}','oper':'contains',"
                        + "'value':'big'}", true),
                row("{'condition':'flag','bool':1}", true),
                row("{'condition':'flag','bool':0}", false),
                row("{'condition':'empty','bool':0}", true),
                // Dates against the fixture's clock: Wednesday 2026-11-18 14:30 UTC (09:30 in New York).
                row("{'condition':'_day_of_week','oper':'is','day':['3']}", true),
                row("{'condition':'_day_of_week','oper':'is','day':['1','2']}", false),
                row("{'condition':'_day_of_week','oper':'!is','day':['3']}", false),
                row("{'condition':'_day_of_week','oper':'is','day':['wed']}", true),
                row("{'condition':'_time_of_day','oper':'between','from':'8am','to':'5pm'}", true),
                row("{'condition':'_time_of_day','oper':'between','from':'15:00','to':'16:00'}", false),
                row("{'condition':'_time_of_day','oper':'!between','from':'15:00','to':'16:00'}", true),
                row("{'condition':'_time_of_day','oper':'between','from':'10pm','to':'2:30pm'}", true),
                row("{'condition':'_time_of_day','oper':'between','from':'9am','to':'10am',"
                        + "'tz':'America/New_York'}", true),
                row("{'condition':'_month_of_year','oper':'is','month':['11']}", true),
                row("{'condition':'_month_of_year','oper':'!is','month':['11']}", false));
    }

    private static Arguments row(String condition, boolean passes) {
        return Arguments.of(condition, passes);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("operators")
    void operator(String condition, boolean passes) {
        String tree = "[{'type':'outcome','title':'O','params':{'groups':[{'any':0,'conditions':[" + condition
                + "]}]},'nodes':[{'type':'action','title':'A','params':{'actions':[{'action':'record',"
                + "'value':'ran'}]}}]}]";
        BehaviorRun run = F.run(tree, DICT);
        assertThat(run.errors()).as(String.join("\n", F.trace(run))).isEmpty();
        assertThat(run.dictionary().containsKey("calls")).as(String.join("\n", F.trace(run))).isEqualTo(passes);
    }

    @Test
    void aBadRegexpIsRefusedWhenSavedAndOneATemplateMakesFailsTheConditionAndTheRunGoesOn() {
        String bad = "[{'type':'outcome','title':'O','params':{'groups':[{'any':0,'conditions':["
                + "{'condition':'s','oper':'regexp','value':'/(unclosed/'}]}]},'nodes':[]}]";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> F.behavior(bad, null))
                .isInstanceOf(InvalidBehaviorException.class).hasMessageContaining("invalid regular expression")
                .hasMessageContaining("nodes[0].params.groups[0].conditions[0].value");

        String templated = "[{'type':'outcome','title':'O','params':{'groups':[{'any':0,'conditions':["
                + "{'condition':'s','oper':'regexp','value':'{{ pattern }}'}]}]},'nodes':[]},"
                + "{'type':'action','title':'A','params':{'actions':[{'action':'record','value':'after'}]}}]";
        BehaviorRun run = F.run(templated, Map.of("s", "Hello", "pattern", "/(unclosed/"));
        assertThat(run.errors()).singleElement().asString().contains("'O'").contains("invalid regular expression");
        assertThat(run.dictionary().get("calls")).isEqualTo(List.of("after"));
    }

    @Test
    void catastrophicBacktrackingIsCutOff() {
        String tree = "[{'type':'outcome','title':'O','params':{'groups':[{'any':0,'conditions':["
                + "{'condition':'s','oper':'regexp','value':'/(.*a){12}b/'}]}]},'nodes':[]}]";
        long t0 = System.nanoTime();
        BehaviorRun run = F.run(tree, Map.of("s", "a".repeat(30)));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000); // ~5 s unguarded
        assertThat(run.errors()).singleElement().asString().contains("took too long");
    }

    @Test
    void anUnknownOperatorIsRefusedWhenTheBehaviorIsSaved() {
        String tree = "[{'type':'outcome','title':'O','params':{'groups':[{'any':0,'conditions':["
                + "{'condition':'s','oper':'equals','value':'x'}]}]},'nodes':[]}]";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> F.behavior(tree, null))
                .isInstanceOf(InvalidBehaviorException.class).hasMessageContaining("Unknown operator 'equals'")
                .hasMessageContaining("nodes[0].params.groups[0].conditions[0].oper");
    }
}
