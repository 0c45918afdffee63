package dev.switchboard.host.template;

import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jinjava's bean resolver, through which the sandbox calls what it allows (a filter, a test, a dict or list method)
 * and reads the loop's properties, with its two reflective lookups per call remembered: which method a call picks
 * (Jinjava lists the class's public methods and ranks them by the arguments' types, on every call) and whether a
 * value's class is one Jinjava refuses. Both answers depend only on the classes involved, so the first answer for
 * the same classes is the answer. Only classes of the JDK and of the host's own class loader (Jinjava, the host) are
 * remembered, so a plugin's classes never stay reachable from here after the plugin is gone, and at most
 * {@value #MAX_ENTRIES} answers of each kind are kept.
 */
final class KnownMethods extends JinjavaBeanELResolver {
    private static final int MAX_ENTRIES = 10_000;
    private static final ClassLoader HOST = KnownMethods.class.getClassLoader();

    /** The method a call's name and argument classes pick, or none. */
    private final ConcurrentHashMap<Signature, Optional<Method>> picked = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, Boolean> restricted = new ConcurrentHashMap<>();

    KnownMethods() {
        super(true);
    }

    /** A call as findMethod sees it: the class called on, the name, the argument count and classes (null: a null). */
    private static final class Signature {
        private final Class<?> base;
        private final String name;
        private final int count;
        private final Class<?>[] arguments;
        private final int hash;

        Signature(Class<?> base, String name, int count, Class<?>[] arguments) {
            this.base = base;
            this.name = name;
            this.count = count;
            this.arguments = arguments;
            this.hash = (31 * (31 * base.hashCode() + name.hashCode()) + count) * 31 + Arrays.hashCode(arguments);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Signature s) || s.hash != hash || s.base != base || s.count != count
                    || !s.name.equals(name) || s.arguments.length != arguments.length) {
                return false;
            }
            for (int i = 0; i < arguments.length; i++) {
                if (s.arguments[i] != arguments[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Override
    protected Method findMethod(Object base, String name, Class<?>[] types, Object[] params, int paramCount) {
        if (types != null || !remembered(base.getClass())) {
            return super.findMethod(base, name, types, params, paramCount);
        }
        Class<?>[] classes = new Class<?>[params.length];
        for (int i = 0; i < params.length; i++) {
            Class<?> c = params[i] == null ? null : params[i].getClass();
            if (c != null && !remembered(c)) {
                return super.findMethod(base, name, types, params, paramCount);
            }
            classes[i] = c;
        }
        Signature call = new Signature(base.getClass(), name, paramCount, classes);
        Optional<Method> known = picked.get(call);
        if (known == null) {
            known = Optional.ofNullable(super.findMethod(base, name, types, params, paramCount));
            if (picked.size() < MAX_ENTRIES) {
                picked.putIfAbsent(call, known);
            }
        }
        return known.orElse(null);
    }

    @Override
    protected boolean isRestrictedClass(Object o) {
        if (o == null || !remembered(o.getClass())) {
            return super.isRestrictedClass(o);
        }
        Boolean known = restricted.get(o.getClass());
        if (known == null) {
            known = super.isRestrictedClass(o);
            if (restricted.size() < MAX_ENTRIES) {
                restricted.putIfAbsent(o.getClass(), known);
            }
        }
        return known;
    }

    private static boolean remembered(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader == null || loader == HOST || loader == ClassLoader.getPlatformClassLoader();
    }
}
