package dev.switchboard.host.packages;

import dev.switchboard.api.HttpStatusException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A package cannot be imported. The message starts with Cerb's own words (so scripts written against Cerb still
 * match) and ends with the JSON path of the offending element; {@link #path()} carries the path alone. A package
 * that needs what this host does not have lists every such thing in {@link #missing()} — a to-do list.
 */
public final class PackageException extends HttpStatusException {
    private static final long serialVersionUID = 1L;
    private final String cerbMessage;
    private final transient List<Missing> missing;

    public PackageException(int status, String cerbMessage, String path) {
        this(status, cerbMessage, path, List.of(), "");
    }

    private PackageException(int status, String cerbMessage, String path, List<Missing> missing, String tail) {
        super(status, (path == null ? cerbMessage : cerbMessage + " (at " + path + ")") + tail, path);
        this.cerbMessage = cerbMessage;
        this.missing = List.copyOf(missing);
    }

    /**
     * One thing a package needs that this host lacks.
     *
     * @param capability what, by its Cerb name: {@code event event.macro.bot}, {@code action send_email},
     *                   {@code section 'classifiers'}, {@code plugin wgm.slack}, {@code record type task},
     *                   {@code Cerb version 9.0.7 …}
     * @param message    the refusal when this is the only thing missing (Cerb's words where Cerb has them)
     * @param path       where the package asks for it
     */
    public record Missing(String capability, String message, String path) {
    }

    /**
     * The refusal of a package that needs what this host lacks: the first thing's own message and path (Cerb's
     * words where Cerb has them), then {@code Also missing: <capability>; …} naming the others in the order found.
     */
    static PackageException missing(List<Missing> missing) {
        Missing first = missing.get(0);
        String others = missing.stream().skip(1).map(Missing::capability).collect(Collectors.joining("; "));
        return new PackageException(422, first.message(), first.path(), missing,
                others.isEmpty() ? "" : " Also missing: " + others + ".");
    }

    /** The message without the path. */
    public String cerbMessage() {
        return cerbMessage;
    }

    /** What the package needs that this host lacks (empty for every other refusal). */
    public List<Missing> missing() {
        return missing;
    }
}
