package dev.switchboard.host.events;

import dev.switchboard.api.EventListener;
import dev.switchboard.api.Events;
import dev.switchboard.api.HostEvent;
import dev.switchboard.api.Sql;
import dev.switchboard.api.VetoException;
import dev.switchboard.host.plugins.PluginSystem;
import dev.switchboard.host.plugins.Registered;
import dev.switchboard.host.storage.Savepoints;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link HostEvent}s to plugins' {@link EventListener}s and to the host's own subscribers (the behavior
 * engine's broadcast). Each listener runs in its own try/catch, and each {@code inTransaction} call in its own
 * savepoint: a listener that fails has its statements rolled back and the transaction goes on (on PostgreSQL one
 * failed statement would otherwise abort it). Only a {@link VetoException} from {@code inTransaction} escapes, and it
 * rolls the caller's transaction back.
 */
public final class EventBus implements Events {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final PluginSystem plugins;
    private final Clock clock;
    private final CopyOnWriteArrayList<Consumer<HostEvent>> afterCommit = new CopyOnWriteArrayList<>();

    public EventBus(PluginSystem plugins, Clock clock) {
        this.plugins = plugins;
        this.clock = clock;
    }

    /** Adds a host subscriber told after commit (e.g. the engine running broadcast behaviors). */
    public void subscribe(Consumer<HostEvent> subscriber) {
        afterCommit.add(subscriber);
    }

    @Override
    public void publish(String eventId, Map<String, Object> data) {
        dispatchAfterCommit(new HostEvent(eventId, clock.instant(), "system", data));
    }

    @Override
    public void publish(Sql sql, String eventId, Map<String, Object> data) {
        publish(sql, new HostEvent(eventId, clock.instant(), "system", data));
    }

    /**
     * Publishes an event inside a write transaction: listeners' {@code inTransaction} now, the rest after commit.
     *
     * @throws VetoException when a listener refuses the change
     * @throws IllegalArgumentException when {@code sql} is not a transaction of the host database
     */
    public void publish(Sql sql, HostEvent event) {
        Savepoints parts = Savepoints.of(sql);
        for (Registered<EventListener> r : plugins.extensions().listeners()) {
            try {
                parts.run(() -> r.extension().inTransaction(event, sql));
            } catch (VetoException veto) {
                LOG.info("{} vetoed by plugin {}: {}", event.id(), r.pluginId(), veto.getMessage());
                throw veto;
            } catch (Savepoints.RollbackFailed lost) {
                throw lost;
            } catch (RuntimeException | LinkageError e) {
                LOG.error("plugin {} failed handling {} in transaction; its writes were rolled back to its savepoint "
                        + "and the change goes on", r.pluginId(), event.id(), e);
            }
        }
        sql.afterCommit(() -> dispatchAfterCommit(event));
    }

    /** Tells every listener and subscriber of an event that has committed. */
    public void dispatchAfterCommit(HostEvent event) {
        for (Registered<EventListener> r : plugins.extensions().listeners()) {
            try {
                r.extension().afterCommit(event);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("plugin {} failed handling {}", r.pluginId(), event.id(), e);
            }
        }
        for (Consumer<HostEvent> s : afterCommit) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.error("subscriber failed handling {}", event.id(), e);
            }
        }
    }
}
