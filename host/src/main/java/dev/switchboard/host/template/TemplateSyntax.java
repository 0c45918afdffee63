package dev.switchboard.host.template;

import com.hubspot.jinjava.el.JinjavaELContext;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import dev.switchboard.api.TemplateException;
import java.util.Set;
import jinjava.de.odysseus.el.tree.TreeBuilderException;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ExpressionFactory;

/**
 * What Jinjava's parser lets through but Twig refuses, checked when a template is saved: a {@code {{}}, {@code {%}
 * or {@code {#} that is never closed (Jinjava prints it as text, so a subscription filter {@code {{ x == 'a'} was
 * "true" for every event), and expressions that do not parse (Jinjava finds those only when it renders them). Unknown
 * filters and functions are not refused: packages may name helpers a later version provides.
 */
final class TemplateSyntax {
    /** Tags whose whole argument is one expression. */
    private static final Set<String> EXPRESSION_TAGS = Set.of("if", "elif", "do", "print");

    private final ExpressionFactory expressions;

    TemplateSyntax(ExpressionFactory expressions) {
        this.expressions = expressions;
    }

    /**
     * @param interpreter an interpreter of this engine, whose functions and macros an expression is bound to
     * @throws TemplateException naming the line and the problem
     */
    void check(Node root, JinjavaInterpreter interpreter) {
        JinjavaELContext context = new JinjavaELContext(interpreter, new JinjavaInterpreterResolver(interpreter));
        for (Node child : root.getChildren()) {
            visit(child, context);
        }
    }

    private void visit(Node node, JinjavaELContext context) {
        if (node instanceof TextNode text) {
            String image = text.getMaster().getImage();
            for (String open : new String[] {"{{", "{%", "{#"}) {
                if (image.contains(open)) {
                    throw new TemplateException("template error at line " + lineOf(text, image, open) + ": '" + open
                            + "' is never closed");
                }
            }
            return;
        }
        if (node instanceof ExpressionNode && node.getMaster() instanceof ExpressionToken token) {
            expression(token.getExpr(), node.getLineNumber(), context);
        } else if (node instanceof TagNode tag) {
            if (tag.getName().equals("raw")) {
                return; // its text is printed as written
            }
            if (EXPRESSION_TAGS.contains(tag.getName())) {
                expression(tag.getHelpers(), node.getLineNumber(), context);
            } else if (tag.getName().equals("set")) {
                int eq = assignment(tag.getHelpers());
                if (eq >= 0) {
                    // {% set a, b = x, y %}: Jinjava reads the values as one list
                    String value = tag.getHelpers().substring(eq + 1);
                    boolean several = tag.getHelpers().substring(0, eq).contains(",");
                    expression(several ? "[" + value + "]" : value, node.getLineNumber(), context);
                }
            }
        }
        for (Node child : node.getChildren()) {
            visit(child, context);
        }
    }

    private void expression(String expr, int line, JinjavaELContext context) {
        if (expr == null || expr.isBlank()) {
            return;
        }
        try {
            expressions.createValueExpression(context, "#{" + expr.trim() + "}", Object.class);
        } catch (TreeBuilderException e) {
            throw new TemplateException("template error at line " + line + ": cannot parse '" + expr.trim() + "': "
                    + e.getMessage().replaceFirst("^.*?': ", ""));
        } catch (ELException e) {
            // it parses; only an unknown function failed to bind, which is not refused (see the class comment)
        }
    }

    /** The {@code =} of {@code {% set name = value %}}, or -1 for the block form. */
    private static int assignment(String helpers) {
        for (int i = 0; i < helpers.length(); i++) {
            char c = helpers.charAt(i);
            if (c == '=' && (i + 1 >= helpers.length() || helpers.charAt(i + 1) != '=')
                    && (i == 0 || "=!<>".indexOf(helpers.charAt(i - 1)) < 0)) {
                return i;
            }
            if (c == '\'' || c == '"' || c == '(' || c == '[' || c == '{') {
                return -1; // not a plain name before the '='
            }
        }
        return -1;
    }

    private static int lineOf(TextNode node, String image, String open) {
        int line = node.getLineNumber();
        int at = image.indexOf(open);
        for (int i = 0; i < at; i++) {
            if (image.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
