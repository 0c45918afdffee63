package dev.switchboard.host.engine.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.engine.RunControl;
import java.util.List;
import java.util.Map;

/** {@code _run_subroutine {subroutine: title}}: runs the root-level subroutine with that title, then continues. */
public final class RunSubroutineAction implements Action {
    @Override
    public String id() {
        return "_run_subroutine";
    }

    @Override
    public String label() {
        return "Run a subroutine";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.of("subroutine", ParamType.TEXT, true, "the subroutine's title"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        ((RunControl) context).runSubroutine(String.valueOf(params.get("subroutine")));
    }
}
