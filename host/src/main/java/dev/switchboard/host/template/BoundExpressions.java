package dev.switchboard.host.template;

import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.ExpressionFactory;
import jinjava.javax.el.FunctionMapper;
import jinjava.javax.el.MethodExpression;
import jinjava.javax.el.ValueExpression;
import jinjava.javax.el.VariableMapper;

/**
 * Jinjava's expression factory, keeping each expression once it is bound. Jinjava asks the factory for a new
 * expression object every time a template's expression is evaluated: the parse is cached, but binding it (looking up
 * each function it calls, a new expression and bindings object) was done per expression per render. A bound
 * expression holds no state of a render (the render's values come through the context it is evaluated in), so it is
 * kept and handed out again, to any thread, as long as binding it anew would give the same result:
 * <ul>
 *   <li>every function it calls was bound to one of the engine's functions (not to a macro of that render, which
 *       Jinjava binds to a stand-in), and no macro of that name is defined where it is evaluated now, nor the
 *       function disabled there;</li>
 *   <li>no name was bound to a variable of the expression context (Jinjava defines none).</li>
 * </ul>
 * Anything else, and every expression that fails to parse or bind, goes to Jinjava's factory as before.
 */
final class BoundExpressions extends ExpressionFactory {
    private final ExpressionFactory jinjava;
    /** By the expression text; null when the parse cache is off ({@code templates.cache_size=0}). */
    private final ConcurrentHashMap<String, Bound> bound;
    private final int capacity;

    /**
     * @param templates the parse cache's size: up to 16 expressions per template are kept; when more are, all are
     *                  forgotten and bound again as they come (a plain map: a hit is a lookup, nothing more)
     */
    BoundExpressions(ExpressionFactory jinjava, int templates) {
        this.jinjava = jinjava;
        this.capacity = 16 * templates;
        this.bound = templates == 0 ? null : new ConcurrentHashMap<>();
    }

    @Override
    public ValueExpression createValueExpression(ELContext context, String expression, Class<?> expectedType) {
        // the interpreter evaluating it: each render and check pushes its own, and no enabled tag makes another
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        if (bound == null || expectedType != Object.class || current == null) {
            return jinjava.createValueExpression(context, expression, expectedType);
        }
        Bound kept = bound.get(expression);
        if (kept != null && kept.bindsAlikeIn(current.getContext())) {
            return kept.expression();
        }
        Binding binding = new Binding(context);
        ValueExpression made = jinjava.createValueExpression(binding, expression, expectedType);
        if (binding.keepable) {
            if (bound.size() >= capacity) {
                bound.clear();
            }
            bound.put(expression, new Bound(made, List.copyOf(binding.functions)));
        }
        return made;
    }

    @Override
    public Object coerceToType(Object obj, Class<?> targetType) {
        return jinjava.coerceToType(obj, targetType);
    }

    @Override
    public MethodExpression createMethodExpression(ELContext context, String expression, Class<?> expectedReturnType,
                                                   Class<?>[] expectedParamTypes) {
        return jinjava.createMethodExpression(context, expression, expectedReturnType, expectedParamTypes);
    }

    @Override
    public ValueExpression createValueExpression(Object instance, Class<?> expectedType) {
        return jinjava.createValueExpression(instance, expectedType);
    }

    /** A function an expression calls: the name Jinjava's function mapper was asked for. */
    private record Function(String localName, String fullName) {
    }

    /** A kept expression and the functions it was bound to. */
    private record Bound(ValueExpression expression, List<Function> functions) {
        /** As Jinjava's function mapper decides: a macro of the name wins, a disabled function fails. */
        boolean bindsAlikeIn(Context scope) {
            for (Function f : functions) {
                if (scope.getGlobalMacro(f.localName()) != null || scope.isFunctionDisabled(f.fullName())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The context Jinjava's factory binds a new expression with: the real one, with its function and variable
     * lookups recorded, so the result can be judged keepable.
     */
    private static final class Binding extends ELContext {
        private final ELContext context;
        private final List<Function> functions = new ArrayList<>(4);
        private boolean keepable = true;

        Binding(ELContext context) {
            this.context = context;
        }

        @Override
        public ELResolver getELResolver() {
            return context.getELResolver();
        }

        @Override
        public FunctionMapper getFunctionMapper() {
            FunctionMapper mapper = context.getFunctionMapper();
            if (mapper == null) {
                keepable = false;
                return null;
            }
            return new FunctionMapper() {
                @Override
                public Method resolveFunction(String prefix, String localName) {
                    Method method = mapper.resolveFunction(prefix, localName);
                    if (method == null || method == AbstractCallableMethod.EVAL_METHOD) {
                        keepable = false; // a macro's stand-in, or a failure to bind: not kept
                    }
                    functions.add(new Function(localName, prefix + ":" + localName));
                    return method;
                }
            };
        }

        @Override
        public VariableMapper getVariableMapper() {
            VariableMapper mapper = context.getVariableMapper();
            if (mapper == null) {
                return null;
            }
            return new VariableMapper() {
                @Override
                public ValueExpression resolveVariable(String variable) {
                    ValueExpression value = mapper.resolveVariable(variable);
                    if (value != null) {
                        keepable = false;
                    }
                    return value;
                }

                @Override
                public ValueExpression setVariable(String variable, ValueExpression expression) {
                    keepable = false;
                    return mapper.setVariable(variable, expression);
                }
            };
        }
    }
}
