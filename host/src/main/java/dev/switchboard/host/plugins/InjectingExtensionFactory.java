package dev.switchboard.host.plugins;

import dev.switchboard.api.PluginHost;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates one instance of each extension per plugin start, passing {@link PluginHost} and/or the plugin instance
 * to its constructor (PF4J would otherwise make a new instance on every {@code getExtensions()} call).
 */
final class InjectingExtensionFactory implements ExtensionFactory {
    private final Function<Class<?>, PluginWrapper> owner;
    private final Function<String, PluginHost> hosts;
    private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

    InjectingExtensionFactory(Function<Class<?>, PluginWrapper> owner, Function<String, PluginHost> hosts) {
        this.owner = owner;
        this.hosts = hosts;
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        return extensionClass.cast(instances.computeIfAbsent(extensionClass, this::instantiate));
    }

    /** Forgets the instances of one plugin's extensions (when it stops). */
    void forget(ClassLoader pluginLoader) {
        instances.keySet().removeIf(c -> c.getClassLoader() == pluginLoader);
    }

    private Object instantiate(Class<?> type) {
        PluginWrapper wrapper = owner.apply(type);
        String pluginId = wrapper == null ? "host" : wrapper.getPluginId();
        Plugin plugin = wrapper == null ? null : wrapper.getPlugin();
        for (Constructor<?> ctor : type.getConstructors()) {
            Class<?>[] params = ctor.getParameterTypes();
            Object[] args = new Object[params.length];
            boolean ok = true;
            for (int i = 0; i < params.length && ok; i++) {
                if (params[i] == PluginHost.class) {
                    args[i] = hosts.apply(pluginId);
                } else if (plugin != null && params[i].isInstance(plugin)) {
                    args[i] = plugin;
                } else {
                    ok = false;
                }
            }
            if (ok) {
                try {
                    return ctor.newInstance(args);
                } catch (InvocationTargetException e) {
                    throw new PluginRuntimeException(e.getCause(), "extension {} failed to construct: {}",
                            type.getName(), e.getCause().getMessage());
                } catch (ReflectiveOperationException e) {
                    throw new PluginRuntimeException(e, "cannot create extension {}", type.getName());
                }
            }
        }
        throw new PluginRuntimeException("extension {} needs a public constructor taking nothing, PluginHost "
                + "and/or its plugin class", type.getName());
    }
}
