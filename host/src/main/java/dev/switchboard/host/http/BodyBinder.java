package dev.switchboard.host.http;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.json.HostJson;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Strict JSON binding of a plugin's request body to a record ({@code HttpRequest.bodyAs}). The rule: a body that is
 * not JSON is a 400; JSON that does not bind — an unknown field, a wrong type, a value out of range, a missing
 * required field — is a 422 whose {@code path} names the field ({@code items[2].name}). JSON names are the
 * components' names in snake case.
 */
public final class BodyBinder {
    private final HostJson json;

    public BodyBinder(HostJson json) {
        this.json = json;
    }

    /** Binds {@code body} to {@code type} (a record, or {@code Map.class} for any JSON object). */
    public <T> T bind(byte[] body, Class<T> type) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new HttpStatusException(400, "request body is empty; send a JSON object");
        }
        Object tree;
        try {
            tree = json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(400, "malformed JSON: " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new HttpStatusException(422, "the request body must be a JSON object");
        }
        return type.cast(value(tree, type, type, "", null));
    }

    /** The JSON name of a record component: {@code graceSeconds} → {@code grace_seconds}. */
    public static String jsonName(String component) {
        StringBuilder sb = new StringBuilder();
        for (char c : component.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Object value(Object v, Class<?> raw, Type generic, String path, Field field) {
        String where = path.isEmpty() ? "the body" : path;
        if (raw == Object.class) {
            return v;
        }
        if (raw == String.class) {
            String s = expect(v, String.class, "text", path);
            if (field != null && field.maxLength() >= 0 && s.codePointCount(0, s.length()) > field.maxLength()) {
                throw unbound(where + " must be at most " + field.maxLength() + " characters", path);
            }
            return s;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return expect(v, Boolean.class, "true or false", path);
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            if (!(v instanceof Number n) || v instanceof Double || v instanceof Float
                    || !(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
                throw unbound(where + " must be a whole number", path);
            }
            long l = n.longValue();
            boolean isInt = raw == int.class || raw == Integer.class;
            long min = Math.max(field == null ? Long.MIN_VALUE : field.min(), isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
            long max = Math.min(field == null ? Long.MAX_VALUE : field.max(), isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (l < min || l > max) {
                throw unbound(where + " must be " + range(min, max), path);
            }
            return isInt ? (Object) (int) l : (Object) l;
        }
        if (raw == double.class || raw == Double.class) {
            double d = expect(v, Number.class, "a number", path).doubleValue();
            if (field != null && (d < field.min() || d > field.max())) {
                throw unbound(where + " must be " + range(field.min(), field.max()), path);
            }
            return d;
        }
        if (raw.isEnum()) {
            String s = expect(v, String.class, "text", path);
            List<String> names = new ArrayList<>();
            for (Object c : raw.getEnumConstants()) {
                String name = ((Enum<?>) c).name().toLowerCase(Locale.ROOT);
                if (name.equals(s.toLowerCase(Locale.ROOT))) {
                    return c;
                }
                names.add(name);
            }
            throw unbound(where + " must be one of " + names, path);
        }
        if (raw == List.class) {
            List<?> list = expect(v, List.class, "a list", path);
            Type item = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                String at = path + "[" + i + "]";
                if (element == null) {
                    throw unbound(at + " must not be null", at);
                }
                out.add(value(element, rawOf(item), item, at, null));
            }
            return List.copyOf(out);
        }
        if (raw == Map.class) {
            return expect(v, Map.class, "an object", path);
        }
        if (raw.isRecord()) {
            return record(expect(v, Map.class, "an object", path), raw, path);
        }
        throw new IllegalStateException("bodyAs cannot bind " + raw.getName() + " (at " + where + ")");
    }

    private Object record(Map<?, ?> in, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new LinkedHashSet<>();
        for (RecordComponent c : components) {
            known.add(jsonName(c.getName()));
        }
        for (Object key : in.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                String at = join(path, String.valueOf(key));
                throw unbound("unknown field '" + key + "'; expected " + String.join(", ", known), at);
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String name = jsonName(c.getName());
            String at = join(path, name);
            Field field = c.getAnnotation(Field.class);
            Object v = in.get(name);
            types[i] = c.getType();
            if (v == null) {
                if (c.getType().isPrimitive() || field == null || field.required()) {
                    throw unbound(at + " is required", at);
                }
                args[i] = null;
            } else {
                args[i] = value(v, c.getType(), c.getGenericType(), at, field);
            }
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof HttpStatusException s) {
                throw s;
            }
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw unbound(bad.getMessage(), path.isEmpty() ? null : path);
            }
            throw new IllegalStateException("cannot make " + type.getName() + " from a request body", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getName() + " from a request body", e);
        }
    }

    private static <V> V expect(Object v, Class<V> type, String what, String path) {
        if (!type.isInstance(v)) {
            throw unbound((path.isEmpty() ? "the body" : path) + " must be " + what, path);
        }
        return type.cast(v);
    }

    private static Class<?> rawOf(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE || min == Integer.MIN_VALUE) {
            return "at most " + max;
        }
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return "a whole number from " + min + " to " + max;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static HttpStatusException unbound(String message, String path) {
        return new HttpStatusException(422, message, path == null || path.isEmpty() ? null : path);
    }
}
