package dev.switchboard.host.packages;

import dev.switchboard.host.plugins.PluginInfo;
import dev.switchboard.host.plugins.PluginSystem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code package.requires}: the Cerb version the package was written for and the plugins it needs. */
final class Requirements {
    private final PluginSystem plugins;

    Requirements(PluginSystem plugins) {
        this.plugins = plugins;
    }

    void check(Map<String, Object> pkg) {
        if (!(pkg.get("requires") instanceof Map<?, ?> requires)) {
            return;
        }
        Object version = requires.get("cerb_version");
        if (version != null && !String.valueOf(version).isBlank()
                && compareVersions(String.valueOf(version).trim(), PackageImporter.FORMAT_VERSION) > 0) {
            throw new PackageException(422, String.format("This package requires Cerb version %s or later.",
                    String.valueOf(version).trim()), "package.requires.cerb_version");
        }
        if (requires.get("plugins") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String id = String.valueOf(list.get(i));
                Optional<PluginInfo> p = plugins.find(id);
                if (p.isEmpty() || !p.get().enabled() || !"started".equals(p.get().state())) {
                    throw new PackageException(422, String.format(
                            "This package requires the %s plugin to be installed and enabled.", id),
                            "package.requires.plugins[" + i + "]");
                }
            }
        }
    }

    /** Compares dotted versions numerically ({@code 8.10.0 > 8.3.0}). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        String digits = parts[i].replaceAll("^(\\d*).*$", "$1");
        return digits.isEmpty() ? 0 : Long.parseLong(digits.length() > 12 ? digits.substring(0, 12) : digits);
    }
}
