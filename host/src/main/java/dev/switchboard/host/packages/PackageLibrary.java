package dev.switchboard.host.packages;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.json.HostJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The sample packages plugins bundle: every {@code packages/*.json} at the top of a loaded plugin's jar (the
 * sample-behaviors plugin ships its samples there), for the Packages page's library to import with a click. The jar
 * is opened for each read and closed again, so a jar replaced while its plugin is disabled is read afresh.
 */
public final class PackageLibrary {
    private static final String FOLDER = "packages/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.json");

    private final Supplier<Map<String, Path>> jars;
    private final HostJson json;

    /** @param jars each loaded plugin's jar by plugin id */
    public PackageLibrary(Supplier<Map<String, Path>> jars, HostJson json) {
        this.jars = jars;
        this.json = json;
    }

    /**
     * {@code [{plugin, file, name, description, error}]}, by plugin then file; name is the package's own name, error
     * why the file does not parse (null when it does).
     */
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        jars.get().forEach((plugin, jar) -> {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> files = new ArrayList<>();
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith(FOLDER) && FILE.matcher(name.substring(FOLDER.length())).matches()) {
                        files.add(name.substring(FOLDER.length()));
                    }
                }
                files.sort(null);
                for (String file : files) {
                    out.add(entry(plugin, file, read(zip, file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the packages in " + jar.getFileName(), e);
            }
        });
        return out;
    }

    /** The package file as the plugin bundles it; 404 when the plugin is not loaded or bundles no such file. */
    public String read(String plugin, String file) {
        Path jar = jars.get().get(plugin);
        if (jar == null || !FILE.matcher(file).matches()) {
            throw new HttpStatusException(404, "no package " + file + " in plugin " + plugin);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String text = read(zip, file);
            if (text == null) {
                throw new HttpStatusException(404, "no package " + file + " in plugin " + plugin);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " in " + jar.getFileName(), e);
        }
    }

    private static String read(ZipFile zip, String file) throws IOException {
        ZipEntry entry = zip.getEntry(FOLDER + file);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Map<String, Object> entry(String plugin, String file, String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plugin", plugin);
        out.put("file", file);
        String name = file;
        Object description = null;
        String error = null;
        try {
            if (json.parse(text) instanceof Map<?, ?> root && root.get("package") instanceof Map<?, ?> pkg) {
                name = pkg.get("name") instanceof String n && !n.isBlank() ? n : file;
                description = pkg.get("description");
            }
        } catch (IllegalArgumentException e) {
            error = e.getMessage(); // listed with the reason, so the page says why it cannot be imported
        }
        out.put("name", name);
        out.put("description", description instanceof String d ? d : null);
        out.put("error", error);
        return out;
    }
}
