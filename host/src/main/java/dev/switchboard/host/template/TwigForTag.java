package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Jinjava's {@code for} tag with Twig's loop semantics and the render deadline:
 * <ul>
 * <li>{@code {% for k, v in dict %}} gives keys and values, and {@code {% for v in dict %}} the values, as in Twig
 * (Jinjava would give empty keys);</li>
 * <li>a variable that existed before the loop keeps what the loop last set it to (Twig copies those back; Jinja
 * drops them), so the usual Cerb accumulator {@code {% set out = dict_set(out, …) %}} inside a loop works;</li>
 * <li>{@code {% for x in list %}…{% else %}nothing{% endfor %}} prints the else part only for an empty list
 * (Jinjava has no for-else and would print it on every pass); {@link #attachElseBranches} prepares parsed
 * templates for this;</li>
 * <li>the loop stops at the next item once the render's time is up: the deadline is checked before each node, and
 * a loop with an empty body renders none ({@code range(1000)} three deep spins for a minute).</li>
 * </ul>
 */
final class TwigForTag extends ForTag {
    private static final long serialVersionUID = 1L;
    private static final String LOOP_VARIABLE = "loop";

    /**
     * Moves what follows a loop's own {@code {% else %}} into that else tag, so the loop body ends at the else (the
     * else tag itself prints nothing) and the else part is rendered only when there is nothing to loop over.
     */
    static void attachElseBranches(Node node) {
        for (Node child : node.getChildren()) {
            attachElseBranches(child);
        }
        if (!(node instanceof TagNode loop) || !(loop.getTag() instanceof ForTag)) {
            return;
        }
        LinkedList<Node> body = loop.getChildren();
        for (int i = 0; i < body.size(); i++) {
            if (isElse(body.get(i))) {
                List<Node> elsePart = body.subList(i + 1, body.size());
                body.get(i).getChildren().addAll(elsePart);
                elsePart.clear();
                return;
            }
        }
    }

    private static boolean isElse(Node node) {
        return node instanceof TagNode tag && tag.getName().equals("else");
    }

    @Override
    public String renderForCollection(TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars,
            Object collection) {
        Object items = collection;
        if (collection instanceof Map<?, ?> map) {
            items = loopVars.size() == 2 ? map.entrySet() : map.values();
        } else if (collection instanceof List<?> list && loopVars.size() == 2) {
            // Twig: {% for i, v in list %} gives each index and item
            Map<Long, Object> indexed = new java.util.LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                indexed.put((long) i, list.get(i));
            }
            items = indexed.entrySet();
        }
        boolean empty = collection == null || items instanceof Collection<?> c && c.isEmpty();
        if (empty && isElse(tagNode.getChildren().peekLast())) {
            StringBuilder out = new StringBuilder();
            for (Node child : tagNode.getChildren().getLast().getChildren()) {
                out.append(child.render(interpreter).getValue());
            }
            return out.toString();
        }
        if (!(items instanceof Collection<?> c)) {
            return super.renderForCollection(tagNode, interpreter, loopVars, collection);
        }
        Checked<?> checked = new Checked<>(c, interpreter);
        String output = super.renderForCollection(tagNode, interpreter, loopVars, checked);
        if (checked.loopScope != null) {
            copyBack(checked.loopScope, interpreter.getContext(), loopVars);
        }
        return output;
    }

    /** Twig: {@code $context = array_intersect_key($loop_context, $parent) + $parent}, loop variables excluded. */
    private static void copyBack(Context loopScope, Context outer, List<String> loopVars) {
        loopScope.getScope().forEach((name, value) -> {
            if (!name.equals(LOOP_VARIABLE) && !loopVars.contains(name) && outer.containsKey(name)) {
                outer.put(name, value);
            }
        });
    }

    /**
     * The loop's items, whose iterator notes the loop's scope (the context current while items are drawn) and
     * refuses to go on once the render's deadline passed.
     */
    private static final class Checked<T> extends AbstractCollection<T> {
        private final Collection<T> items;
        private final JinjavaInterpreter interpreter;
        private Context loopScope;

        Checked(Collection<T> items, JinjavaInterpreter interpreter) {
            this.items = items;
            this.interpreter = interpreter;
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public Iterator<T> iterator() {
            Iterator<T> it = items.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public T next() {
                    RenderDeadline.of(interpreter).check();
                    if (loopScope == null) {
                        loopScope = interpreter.getContext();
                    }
                    return it.next();
                }
            };
        }
    }
}
