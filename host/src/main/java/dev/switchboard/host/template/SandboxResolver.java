package dev.switchboard.host.template;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.util.ForLoop;
import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.PropertyNotWritableException;

/**
 * The only way templates reach into values (SECURITY.md 4): keys of dicts, items of lists, child elements of
 * decoded XML, the {@code loop} variable, and an allowlist of dict/list methods, filters and tests. Every other attribute or method (on text,
 * numbers, or any Java object, e.g. {@code ''.getClass()} or {@code 'ab'.repeat(n)}) fails the render, because
 * Jinjava's own resolver only denies a list of known-dangerous names.
 */
final class SandboxResolver extends ELResolver {
    private static final Set<String> LIST_METHODS =
            Set.of("append", "insert", "extend", "pop", "count", "reverse", "copy", "index");
    private static final Set<String> DICT_METHODS = Set.of("update", "items", "keys", "values", "get");
    private static final Set<String> LOOP_PROPERTIES = Set.of("index", "index0", "revindex", "revindex0", "first",
            "last", "length", "depth", "depth0", "counter", "revcounter");

    private final ELResolver dicts = new TypeConvertingMapELResolver(true);
    private final ELResolver lists = new JinjavaListELResolver(true);
    private final ELResolver methods = new KnownMethods();

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Map<?, ?>) {
            return dicts.getValue(context, base, property);
        }
        if (base instanceof List<?>) {
            return lists.getValue(context, base, property);
        }
        if (base instanceof XmlValue xml) {
            context.setPropertyResolved(true);
            return xml.child(String.valueOf(property));
        }
        if (base instanceof ForLoop && LOOP_PROPERTIES.contains(String.valueOf(property))) {
            return methods.getValue(context, base, property);
        }
        if (base == null) {
            return null;
        }
        throw new Denied("'" + property + "' cannot be read from " + describe(base)
                + ": templates read only keys of dicts and items of lists");
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        String name = String.valueOf(method);
        boolean allowed = base instanceof Filter && name.equals("filter")
                || base instanceof ExpTest && name.equals("evaluate")
                || base instanceof PyList && LIST_METHODS.contains(name)
                || base instanceof PyMap && DICT_METHODS.contains(name)
                || base instanceof ForLoop && name.equals("cycle");
        if (!allowed) {
            throw new ELException("'" + name + "()' cannot be called on " + describe(base)
                    + ": templates call only filters, tests, macros and dict/list methods");
        }
        return methods.invoke(context, base, method, paramTypes, params);
    }

    /**
     * A refused access. An IllegalArgumentException because Jinjava probes {@code base.name} before calling
     * {@code base.name()} and treats that type as "not a property, try the method". That probe happens for every
     * filter a template applies, so the exception carries no stack trace: its message says all there is to say.
     */
    static final class Denied extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Denied(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static String describe(Object base) {
        if (base instanceof CharSequence) {
            return "text";
        }
        if (base instanceof Number) {
            return "a number";
        }
        if (base instanceof Boolean) {
            return "a boolean";
        }
        return base instanceof List<?> ? "a list" : base instanceof Map<?, ?> ? "a dict" : "this value";
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        throw new PropertyNotWritableException("templates cannot assign to '" + property + "'");
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return Object.class;
    }
}
