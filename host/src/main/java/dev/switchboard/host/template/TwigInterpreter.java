package dev.switchboard.host.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import dev.switchboard.host.limits.Deadline;

/**
 * Jinjava's interpreter printing {@code {{ value }}} as Twig (PHP) does: true as {@code 1}, false as nothing, and
 * floats as PHP's echo ({@code 2.0} → {@code 2}, {@code 0.1 + 0.2} → {@code 0.3}). Cerb conditions often compare
 * such output with {@code 1} or ''. Each interpreter also carries its current render's {@link Deadline}.
 */
final class TwigInterpreter extends JinjavaInterpreter {
    /** Makes these interpreters for a Jinjava instance. */
    static final InterpreterFactory FACTORY = new InterpreterFactory() {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            return new TwigInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig renderConfig) {
            return new TwigInterpreter(application, context, renderConfig);
        }
    };

    private volatile Deadline deadline = Deadline.NONE;

    private TwigInterpreter(Jinjava application, Context context, JinjavaConfig renderConfig) {
        super(application, context, renderConfig);
    }

    private TwigInterpreter(JinjavaInterpreter orig) {
        super(orig);
        this.deadline = RenderDeadline.of(orig);
    }

    Deadline deadline() {
        return deadline;
    }

    void deadline(Deadline d) {
        this.deadline = d;
    }

    /** Forgets what the last render left here, its errors and deadline, so the next render starts clean. */
    void clearAfterRender() {
        while (getLastError().isPresent()) {
            removeLastError();
        }
        deadline = Deadline.NONE;
    }

    /**
     * Resolves as Jinjava does, without recording the expression (and, for {@code [a, b]}, each of its items) in the
     * render's context: that record is for Jinjava's own dependency tracking, which nothing here reads, and it cost
     * a split and a set insertion per expression per render.
     */
    @Override
    public Object resolveELExpression(String expression, int lineNumber) {
        setLineNumber(lineNumber);
        return resolveELExpressionSilently(expression);
    }

    @Override
    public String getAsString(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "";
        }
        if (value instanceof Double || value instanceof Float) {
            return PhpFloat.echo(((Number) value).doubleValue());
        }
        return super.getAsString(value);
    }
}
