package dev.switchboard.host.packages;

import dev.switchboard.api.HttpStatusException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A package would make a second copy of what an earlier import made (a bot with the same uid or name, or a behavior
 * with the same title and event on the same bot): refused with 409 unless the caller says to import it again. The
 * message names every existing one; nothing is written.
 */
public final class DuplicateImportException extends HttpStatusException {
    private static final long serialVersionUID = 1L;
    private final transient List<Existing> existing;

    /**
     * One thing that exists already.
     *
     * @param kind {@code bot} or {@code behavior}
     * @param id   its id here
     * @param name its name (a behavior's title)
     * @param path where the package asks for it again
     */
    public record Existing(String kind, long id, String name, String path) {
        String text() {
            return kind + " \"" + name + "\" (#" + id + ")";
        }
    }

    DuplicateImportException(List<Existing> existing) {
        super(409, "This package was imported before: " + existing.stream().map(Existing::text)
                .collect(Collectors.joining(", ")) + (existing.size() == 1 ? " already exists" : " already exist")
                + " (at " + existing.get(0).path() + "); importing it again makes a second copy of "
                + (existing.get(0).kind().equals("bot") ? "its bot, behaviors and listeners" : "the behavior"),
                existing.get(0).path());
        this.existing = List.copyOf(existing);
    }

    /** What exists already, in package order. */
    public List<Existing> existing() {
        return existing;
    }
}
