package dev.switchboard.api.compat;

import dev.switchboard.api.compat.ApiSurface.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plugin API's compatibility rules, checked against the signature file of the last release
 * ({@code plugin-api/api/<version>.txt}, written by {@link ApiSurface#text()} when that version was released):
 * <ul>
 *   <li>no member of the release is removed or changed (an interface method that became a default method is
 *       fine), and none changes its {@code @since};</li>
 *   <li>every type and member has {@code @since X.Y.Z}, and one that is not in the release has the version being
 *       built;</li>
 *   <li>a type plugins implement (an extension point, an abstract class, a callback) gets no new abstract method:
 *       plugins compiled before would fail with {@code AbstractMethodError}; add a default method instead.</li>
 * </ul>
 * A change these rules refuse needs a new major version (and its own signature file).
 */
final class ApiCompatibility {
    private ApiCompatibility() {
    }

    /** The newest signature file in {@code folder} whose version is at most {@code version}. */
    static Path baseline(Path folder, String version) {
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Path> newest = files
                    .filter(p -> p.getFileName().toString().matches("\\d+\\.\\d+\\.\\d+\\.txt"))
                    .filter(p -> ApiSurface.compareVersions(release(p), version) <= 0)
                    .max(Comparator.comparing(ApiCompatibility::release, ApiSurface::compareVersions));
            return newest.orElseThrow(() -> new IllegalStateException("no API signature file of a version up to "
                    + version + " in " + folder.toAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The release a signature file is of: its name without {@code .txt}. */
    static String release(Path signatureFile) {
        String name = signatureFile.getFileName().toString();
        return name.substring(0, name.length() - ".txt".length());
    }

    /** What breaks the rules, one line each naming the member and the fix; empty when the API is compatible. */
    static List<String> problems(Map<String, Member> release, String releaseVersion, ApiSurface current,
                                 String version) {
        List<String> out = new ArrayList<>(current.problems());
        Map<String, Member> now = current.members();
        for (Member old : release.values()) {
            Member m = now.get(old.key());
            if (m == null) {
                out.add("removed: " + old.key() + " (" + old.signature() + ", in API " + releaseVersion
                        + "): plugins that use it would fail with NoSuchMethodError; keep it (deprecate it) until 2.0.0");
            } else {
                if (!m.signature().equals(old.signature()) && !becameDefault(old, m)) {
                    out.add("changed: " + old.key() + " was '" + old.signature() + "' in API " + releaseVersion
                            + ", now '" + m.signature() + "': add the new form beside the old one instead");
                }
                if (m.since() != null && old.since() != null && !m.since().equals(old.since())) {
                    out.add("@since changed: " + old.key() + " is since " + old.since() + " (API " + releaseVersion
                            + "), the source now says " + m.since());
                }
            }
        }
        for (Member m : now.values()) {
            if (release.containsKey(m.key()) || m.since() == null || !ApiSurface.VERSION.matcher(m.since()).matches()) {
                continue;
            }
            if (!m.since().equals(version)) {
                out.add("added: " + m.key() + " is not in API " + releaseVersion + " but says @since " + m.since()
                        + "; what is new is @since " + version);
            }
            String owner = owner(m.key());
            Member type = now.get(owner);
            if (m.isAbstract() && release.containsKey(owner) && type != null && type.implementedByPlugins()) {
                out.add("added abstract: " + m.key() + " on " + owner + ", which plugins implement: plugins built "
                        + "for API " + releaseVersion + " would fail with AbstractMethodError; make it a default method");
            }
        }
        return out;
    }

    private static boolean becameDefault(Member old, Member now) {
        return old.signature().contains("abstract ")
                && now.signature().equals(old.signature().replace("abstract ", "default "));
    }

    private static String owner(String key) {
        int hash = key.indexOf('#');
        return hash < 0 ? key : key.substring(0, hash);
    }
}
