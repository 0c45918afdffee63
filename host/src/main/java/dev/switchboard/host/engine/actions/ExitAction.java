package dev.switchboard.host.engine.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.engine.RunControl;
import java.util.List;
import java.util.Map;

/** {@code _exit {mode}}: stops the whole behavior; what earlier actions set stays (a caller still reads them). */
public final class ExitAction implements Action {
    @Override
    public String id() {
        return "_exit";
    }

    @Override
    public String label() {
        return "Exit the behavior";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.of("mode", ParamType.TEXT, false, "'' to stop; 'suspend' is accepted as stop")
                .withChoices(List.of("", "stop", "suspend")));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        ((RunControl) context).exit(String.valueOf(params.getOrDefault("mode", "")));
    }
}
