package dev.switchboard.host.outbound;

import dev.switchboard.api.Database;
import dev.switchboard.api.Sql;
import dev.switchboard.host.plugins.ChangeVersions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses the outbound guard lets through although private: the configured {@code outbound.allowlist}
 * (fixed until a restart) plus the entries admins store at run time ({@code outbound_allowlist}, changed through
 * {@code PUT /api/outbound/allowlist}). Stored entries are read again when their change version moves: every second
 * by the host's sync, and at once before an address is refused, so a node never refuses what another node's admin
 * just allowed.
 */
public final class OutboundAllowlist {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundAllowlist.class);
    /** The change-version topic bumped with every change of the stored entries. */
    public static final String TOPIC = "outbound_allowlist";

    private final List<AddressPolicy.AllowEntry> configured;
    private final List<String> configuredText;
    private volatile Database db;
    private volatile Runnable onChange = () -> { };
    private volatile Snapshot stored = new Snapshot(-1, List.of(), List.of());

    private record Snapshot(long version, List<String> text, List<AddressPolicy.AllowEntry> entries) {
    }

    OutboundAllowlist(List<String> configuredText) {
        this.configuredText = List.copyOf(configuredText);
        this.configured = configuredText.stream().map(AddressPolicy.AllowEntry::parse).toList();
    }

    /** Runs {@code task} after the stored entries were read again because they changed (not at the first read). */
    void onChange(Runnable task) {
        this.onChange = task;
    }

    /** Starts reading the stored entries from {@code database} (once the host's migrations ran). */
    public void attach(Database database) {
        this.db = database;
        sync();
    }

    /** The configured entries, as written. */
    public List<String> configured() {
        return configuredText;
    }

    /** The stored entries, as written, in the order they were given. */
    public List<String> stored() {
        return stored.text();
    }

    /** Reads the stored entries again when they changed (one indexed read when they did not). */
    public void sync() {
        Database database = db;
        if (database == null) {
            return;
        }
        long version = ChangeVersions.read(database, TOPIC);
        Snapshot before = stored;
        if (version != before.version()) {
            List<String> text = database.read(sql -> sql.query(
                    "SELECT entry FROM outbound_allowlist ORDER BY added_at, entry").stream()
                    .map(r -> r.getString("entry")).toList());
            stored = new Snapshot(version, text, text.stream().map(AddressPolicy.AllowEntry::parse).toList());
            if (before.version() >= 0) {
                onChange.run();
            }
        }
    }

    /**
     * Replaces the stored entries inside the caller's transaction; the caller's node sees them after commit (at its
     * next {@link #sync}, or before its next refusal).
     *
     * @throws IllegalArgumentException naming the first bad entry by its index; nothing is changed
     */
    public List<String> replace(Sql sql, List<String> entries, String actor, long now) {
        List<String> clean = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            try {
                AddressPolicy.AllowEntry.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entries[" + i + "]: " + e.getMessage(), e);
            }
            if (!clean.contains(entry)) {
                clean.add(entry);
            }
        }
        sql.update("DELETE FROM outbound_allowlist");
        for (int i = 0; i < clean.size(); i++) {
            // added_at orders the entries as given; one millisecond apart keeps that order on every database
            sql.update("INSERT INTO outbound_allowlist(entry, added_at, added_by) VALUES (?, ?, ?)", clean.get(i),
                    now + i, actor);
        }
        ChangeVersions.bump(sql, TOPIC);
        return List.copyOf(clean);
    }

    /** Whether an entry lets {@code address:port} through. */
    boolean allows(java.net.InetAddress address, int port) {
        for (AddressPolicy.AllowEntry e : configured) {
            if (e.matches(address, port)) {
                return true;
            }
        }
        for (AddressPolicy.AllowEntry e : stored.entries()) {
            if (e.matches(address, port)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the stored entries changed since they were last read; reads them again when they did. */
    boolean refreshed() {
        long before = stored.version();
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("could not read the stored outbound allowlist; refusing on the entries this node knew", e);
            return false;
        }
        return stored.version() != before;
    }
}
