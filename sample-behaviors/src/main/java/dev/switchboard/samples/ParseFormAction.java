package dev.switchboard.samples;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code parse_form}: decodes an {@code application/x-www-form-urlencoded} text (e.g. a Slack or Twilio body) into
 * a map variable. Repeated keys keep the last value.
 */
@Extension
public final class ParseFormAction implements Action {
    @Override
    public String id() {
        return "parse_form";
    }

    @Override
    public String label() {
        return "Parse a URL-encoded form into a variable";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                ActionParam.template("text", true, "the form text, e.g. {{http_body}}"),
                ActionParam.template("var", true, "variable to receive the map, e.g. var_form"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String var = ((String) params.get("var")).trim();
        if (var.isEmpty()) {
            throw new ActionException("parse_form: 'var' is empty");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String text = (String) params.get("text");
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ActionException("parse_form: malformed escape in '" + pair + "'");
            }
        }
        context.dictionary().put(var, out);
        context.note("parse_form: " + out.size() + " field(s) into " + var);
    }
}
