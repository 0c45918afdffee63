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
                    throw new TemplateException("template error at " + whereIn(text, image, image.indexOf(open))
                            + ": '" + open + "' is never closed");
                }
            }
            return;
        }
        if (node instanceof ExpressionNode && node.getMaster() instanceof ExpressionToken token) {
            expression(token.getExpr(), node, context);
        } else if (node instanceof TagNode tag) {
            if (tag.getName().equals("raw")) {
                return; // its text is printed as written
            }
            if (EXPRESSION_TAGS.contains(tag.getName())) {
                expression(tag.getHelpers(), node, context);
            } else if (tag.getName().equals("set")) {
                int eq = assignment(tag.getHelpers());
                if (eq >= 0) {
                    // {% set a, b = x, y %}: Jinjava reads the values as one list
                    String value = tag.getHelpers().substring(eq + 1);
                    boolean several = tag.getHelpers().substring(0, eq).contains(",");
                    expression(several ? "[" + value + "]" : value, node, context);
                }
            }
        }
        for (Node child : node.getChildren()) {
            visit(child, context);
        }
    }

    private void expression(String expr, Node node, JinjavaELContext context) {
        if (expr == null || expr.isBlank()) {
            return;
        }
        try {
            expressions.createValueExpression(context, "#{" + expr.trim() + "}", Object.class);
        } catch (TreeBuilderException e) {
            throw new TemplateException("template error at line " + node.getLineNumber() + ", column "
                    + node.getStartPosition() + ": cannot parse '" + expr.trim() + "': "
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

    /**
     * {@code line L, column C} of an opener that is never closed, at {@code at} in a text node. Jinjava's scanner
     * makes the text node when it gives up on that opener, so the node's line and start column are counted up to it:
     * the node's line is the opener's, and its start column is right unless a newline comes between the two.
     */
    private static String whereIn(TextNode node, String image, int at) {
        int lastNewline = image.lastIndexOf('\n', at);
        int column = lastNewline >= 0 ? at - lastNewline : node.getStartPosition() + at;
        return "line " + node.getLineNumber() + ", column " + column;
    }
}
