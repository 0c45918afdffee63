package dev.switchboard.host.packages;

import static dev.switchboard.host.packages.PackageJson.list;
import static dev.switchboard.host.packages.PackageJson.map;

import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.engine.Values;
import dev.switchboard.host.secrets.Redaction;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package's {@code configure} section: the answers to {@code prompts[]}, the values of {@code placeholders[]}
 * and {@code default.base_url} — the variables {@code {{{ }}}} substitution sees — and which of them are secrets.
 */
final class Prompts {
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ123456789";
    /** The prompt a {@code {{{ key|filter }}}} placeholder starts from. */
    private static final Pattern PROMPT_REF = Pattern.compile("\\{\\{\\{\\s*([A-Za-z0-9_]+)");

    private final Supplier<String> baseUrl;
    private final SecureRandom random = new SecureRandom();

    Prompts(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The substitution variables of a package: prompts answered, placeholders made, {@code default}. */
    Map<String, Object> configure(Map<String, Object> pkg, Map<String, String> answers) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> configure = pkg.get("configure") instanceof Map<?, ?> c ? map(c) : Map.of();
        List<?> prompts = configure.get("prompts") instanceof List<?> l ? l : List.of();
        checkAnswers(prompts, answers);
        for (int i = 0; i < prompts.size(); i++) {
            String path = "package.configure.prompts[" + i + "]";
            Map<String, Object> prompt = entry(prompts.get(i));
            String key = key(prompt, "Prompt key is missing.", path);
            String value = answers.get(key);
            if ((value == null || value.isEmpty()) && prompt.get("params") instanceof Map<?, ?> params
                    && params.get("default") != null) {
                value = Values.text(params.get("default"));
            }
            if (value == null || value.isEmpty()) {
                Object label = prompt.get("label") == null ? key : prompt.get("label");
                throw new PackageException(422, String.format("'%s' (%s) is required.", label, key), path);
            }
            vars.put(key, value);
        }
        List<?> placeholders = configure.get("placeholders") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < placeholders.size(); i++) {
            String path = "package.configure.placeholders[" + i + "]";
            Map<String, Object> ph = entry(placeholders.get(i));
            String key = key(ph, "Placeholder key is missing.", path);
            Map<?, ?> params = ph.get("params") instanceof Map<?, ?> m ? m : Map.of();
            String type = ph.get("type") == null ? "random" : String.valueOf(ph.get("type"));
            switch (type) {
                case "random" -> {
                    Double len = params.get("length") == null ? Double.valueOf(8) : Values.number(params.get("length"));
                    if (len == null || len < 1 || len > 1024) {
                        throw new PackageException(422, "Placeholder length must be between 1 and 1024",
                                path + ".params.length");
                    }
                    vars.put(key, randomString(len.intValue()));
                }
                case "text" -> vars.put(key, Values.text(params.get("value")));
                default -> throw new PackageException(422, "Unknown placeholder type '" + type + "' (random, text)",
                        path + ".type");
            }
        }
        vars.putAll(defaults());
        return vars;
    }

    private static Map<String, Object> entry(Object o) {
        return o instanceof Map<?, ?> m ? map(m) : Map.of();
    }

    /** A prompt's or placeholder's {@code key}, trimmed; Cerb's message when it has none. */
    private static String key(Map<String, Object> entry, String missing, String path) {
        String key = entry.get("key") == null ? "" : String.valueOf(entry.get("key")).trim();
        if (key.isEmpty()) {
            throw new PackageException(422, missing, path);
        }
        return key;
    }

    /** The variables every form sees: {@code default.base_url}. */
    Map<String, Object> defaults() {
        return Map.of("default", Map.of("base_url", baseUrl.get()));
    }

    /** An answer to a prompt the package does not have is a typo; ignoring it would import without the answer. */
    static void checkAnswers(List<?> prompts, Map<String, String> answers) {
        Set<String> keys = new LinkedHashSet<>();
        for (Object p : prompts) {
            if (p instanceof Map<?, ?> m && m.get("key") != null) {
                keys.add(String.valueOf(m.get("key")).trim());
            }
        }
        for (String given : answers.keySet()) {
            if (!keys.contains(given)) {
                throw new PackageException(422, keys.isEmpty()
                        ? String.format("Unknown prompt '%s': this package has no prompts.", given)
                        : String.format("Unknown prompt '%s': this package asks for %s.", given,
                                String.join(", ", keys)), "package.configure.prompts");
            }
        }
    }

    /** A random string from the package alphabet, from a CSPRNG. */
    String randomString(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    // --- secrets ------------------------------------------------------------------------------------------------------

    /**
     * The prompts whose answers are secrets: {@code hidden} (on the prompt or in its params, as the sample packages
     * mark signing secrets), type or {@code params.type} {@code password} or {@code hidden}, or a key the
     * {@link Redaction} policy names a credential's.
     */
    static Set<String> secretPrompts(Map<String, Object> pkg) {
        Set<String> out = new LinkedHashSet<>();
        Object configure = pkg.get("configure");
        List<?> prompts = configure instanceof Map<?, ?> c && c.get("prompts") instanceof List<?> l ? l : List.of();
        for (Object o : prompts) {
            if (!(o instanceof Map<?, ?> prompt) || prompt.get("key") == null) {
                continue;
            }
            Map<?, ?> params = prompt.get("params") instanceof Map<?, ?> m ? m : Map.of();
            String key = String.valueOf(prompt.get("key")).trim();
            String type = String.valueOf(prompt.get("type"));
            String paramType = String.valueOf(params.get("type"));
            if (Values.truthy(prompt.get("hidden")) || Values.truthy(params.get("hidden"))
                    || Set.of("password", "hidden").contains(type) || Set.of("password", "hidden").contains(paramType)
                    || Redaction.isSecretName(key)) {
                out.add(key);
            }
        }
        return out;
    }

    /** Per bot of the package, the {@code params.config} keys whose value is made from a secret prompt. */
    static List<Set<String>> secretConfig(Map<String, Object> root, Set<String> secretPrompts) {
        List<Set<String>> out = new ArrayList<>();
        for (Object o : list(root, "bots", "bots")) {
            Set<String> keys = new LinkedHashSet<>();
            if (o instanceof Map<?, ?> bot && bot.get("params") instanceof Map<?, ?> params
                    && params.get("config") instanceof Map<?, ?> config) {
                config.forEach((k, v) -> {
                    if (v instanceof String text) {
                        Matcher m = PROMPT_REF.matcher(text);
                        while (m.find()) {
                            if (secretPrompts.contains(m.group(1))) {
                                keys.add(String.valueOf(k));
                            }
                        }
                    }
                });
            }
            out.add(keys);
        }
        return out;
    }

    static BehaviorStore.NewBot withSecrets(BehaviorStore.NewBot b, Set<String> secretConfig) {
        return new BehaviorStore.NewBot(b.uid(), b.name(), b.disabled(), b.params(), b.owner(), b.image(),
                secretConfig);
    }
}
