package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A filter given by its name and a function of the value and the (unconverted) arguments. */
final class NamedFilter implements Filter {
    /** The body of a filter: the piped value and the positional arguments, as the template evaluated them. */
    @FunctionalInterface
    interface Body {
        Object apply(Object value, List<Object> args);
    }

    private final String name;
    private final Body body;

    NamedFilter(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return body.apply(var, Arrays.asList(args));
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var, Arrays.asList((Object[]) args));
    }
}
