package dev.switchboard.host.engine;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.EventCondition;
import dev.switchboard.api.EventType;
import dev.switchboard.api.ParamType;
import dev.switchboard.api.Placeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Actions and an event type for engine tests, shaped like real plugin extensions. */
final class TestActions {
    static final String EVENT = "test.event";

    private TestActions() {
    }

    /** Every test action, plus stand-ins for the webhooks plugin's response actions. */
    static List<Object> all() {
        return List.of(new Record(), new Fail(), new Boom(), new Hang(), new SideEffect(), new TicketOnly(),
                new Typed(), new TestEvent());
    }

    /** {@code record {value}}: appends the rendered value to the list placeholder {@code calls}. */
    static final class Record implements Action {
        public String id() {
            return "record";
        }

        public String label() {
            return "record a call";
        }

        public List<ActionParam> params() {
            return List.of(ActionParam.template("value", true, "what to record"));
        }

        @SuppressWarnings("unchecked")
        public void execute(ActionContext ctx, Map<String, Object> params) {
            ((List<Object>) ctx.dictionary().computeIfAbsent("calls", k -> new ArrayList<>())).add(params.get("value"));
        }
    }

    static final class Fail implements Action {
        public String id() {
            return "fail";
        }

        public String label() {
            return "always fails";
        }

        public List<ActionParam> params() {
            return List.of();
        }

        public void execute(ActionContext ctx, Map<String, Object> params) {
            throw new ActionException("refused on purpose");
        }
    }

    static final class Boom implements Action {
        public String id() {
            return "boom";
        }

        public String label() {
            return "a plugin bug";
        }

        public List<ActionParam> params() {
            return List.of();
        }

        public void execute(ActionContext ctx, Map<String, Object> params) {
            throw new IllegalStateException("plugin bug");
        }
    }

    static final class Hang implements Action {
        public String id() {
            return "hang";
        }

        public String label() {
            return "never returns";
        }

        public List<ActionParam> params() {
            return List.of();
        }

        public void execute(ActionContext ctx, Map<String, Object> params) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.dictionary().put("hang_finished", true);
        }
    }

    static final class SideEffect implements Action {
        public String id() {
            return "send_mail";
        }

        public String label() {
            return "sends something";
        }

        public List<ActionParam> params() {
            return List.of(ActionParam.template("to", true, "recipient"));
        }

        public boolean sideEffects() {
            return true;
        }

        public void execute(ActionContext ctx, Map<String, Object> params) {
            ctx.dictionary().put("mail_sent_to", params.get("to"));
            ctx.note("sent to " + params.get("to"));
        }
    }

    static final class TicketOnly implements Action {
        public String id() {
            return "ticket_only";
        }

        public String label() {
            return "only on ticket events";
        }

        public List<ActionParam> params() {
            return List.of();
        }

        public Set<String> events() {
            return Set.of("ticket.created");
        }

        public void execute(ActionContext ctx, Map<String, Object> params) {
            ctx.dictionary().put("ticket_only_ran", true);
        }
    }

    /** {@code typed {n, flag, mode, map, raw}}: stores its prepared params as {@code typed}. */
    static final class Typed implements Action {
        public String id() {
            return "typed";
        }

        public String label() {
            return "typed params";
        }

        public List<ActionParam> params() {
            return List.of(ActionParam.of("n", ParamType.NUMBER, false, ""),
                    ActionParam.of("flag", ParamType.BOOLEAN, false, ""),
                    ActionParam.of("mode", ParamType.TEXT, false, "").withChoices(List.of("a", "b")),
                    ActionParam.of("map", ParamType.TEMPLATE_MAP, false, ""),
                    ActionParam.of("raw", ParamType.JSON, false, ""));
        }

        public void execute(ActionContext ctx, Map<String, Object> params) {
            ctx.dictionary().put("typed", params);
        }
    }

    /** {@code test.event} with a {@code test_header} condition reading {@code headers} by normalised name. */
    static final class TestEvent implements EventType {
        public String id() {
            return EVENT;
        }

        public String label() {
            return "test event";
        }

        public List<Placeholder> placeholders() {
            return List.of(new Placeholder("headers", "map", "headers"));
        }

        public List<EventCondition> conditions() {
            return List.of(new EventCondition() {
                public String id() {
                    return "test_header";
                }

                public String label() {
                    return "header";
                }

                public Object resolve(Map<String, Object> dict, Map<String, Object> params) {
                    Object h = dict.get("headers");
                    String name = String.valueOf(params.get("name")).toLowerCase().replace('-', '_');
                    return h instanceof Map<?, ?> m ? m.get(name) : null;
                }
            });
        }
    }
}
