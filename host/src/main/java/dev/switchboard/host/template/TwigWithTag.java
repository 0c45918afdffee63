package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.util.Map;

/**
 * Twig's {@code {% with [dict] [only] %}…{% endwith %}}: the body runs in its own scope, with the dict's keys as
 * variables; what the body sets is gone after the block. With {@code only}, variables outside read as ''.
 */
final class TwigWithTag implements Tag {
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
        return "with";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        String args = tagNode.getHelpers().strip();
        boolean only = args.equals("only") || args.endsWith(" only");
        if (only) {
            args = args.substring(0, args.length() - 4).strip();
        }
        Object vars = args.isEmpty() ? Map.of() : interpreter.resolveELExpression(args, tagNode.getLineNumber());
        if (!(vars instanceof Map<?, ?> map)) {
            throw new InterpretException("with: the variables must be a hash, not " + TemplateValues.text(vars),
                    tagNode.getLineNumber());
        }
        StringBuilder out = new StringBuilder();
        try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
            if (only) {
                interpreter.getContext().getScope().clear();
                // Jinjava reads a null as "look in the outer scope", so outer names are hidden behind ''
                for (String name : java.util.List.copyOf(interpreter.getContext().getParent().keySet())) {
                    interpreter.getContext().put(name, "");
                }
            }
            map.forEach((k, v) -> interpreter.getContext().put(String.valueOf(k), v));
            for (Node child : tagNode.getChildren()) {
                out.append(child.render(interpreter).getValue());
            }
        }
        return out.toString();
    }
}
