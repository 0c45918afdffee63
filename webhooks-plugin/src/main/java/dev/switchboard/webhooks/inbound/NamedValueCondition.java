package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.EventCondition;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code http_header} / {@code http_param}: {@code {name, oper, value}} reads one entry of a request map by its
 * name, normalised as the map's keys are.
 */
final class NamedValueCondition implements EventCondition {
    private final String id;
    private final String label;
    private final String placeholder;
    private final UnaryOperator<String> normalise;

    NamedValueCondition(String id, String label, String placeholder, UnaryOperator<String> normalise) {
        this.id = id;
        this.label = label;
        this.placeholder = placeholder;
        this.normalise = normalise;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Object resolve(Map<String, Object> dictionary, Map<String, Object> params) {
        Object name = params.get("name");
        if (name == null || !(dictionary.get(placeholder) instanceof Map<?, ?> values)) {
            return null;
        }
        return values.get(normalise.apply(name.toString()));
    }
}
