package dev.switchboard.host.cli;

import dev.switchboard.api.RecordType;
import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.plugins.Registered;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code listeners list}: the webhook listeners with their URLs. Listeners belong to the webhooks plugin, so this
 * asks the plugin (its {@code webhook_listener} record type) instead of reading its tables.
 */
@Command(name = "listeners", mixinStandardHelpOptions = true, description = "Inbound webhook listeners.",
        subcommands = {ListenersCommand.ListListeners.class})
final class ListenersCommand {
    static final String CONTEXT = "webhook_listener";

    @ParentCommand
    Cli cli;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the listeners with the URL to give the system that calls each one.")
    static final class ListListeners implements Callable<Integer> {
        @ParentCommand
        ListenersCommand parent;

        @Override
        public Integer call() {
            Config config = parent.cli.config();
            Offline.requireInstall(config);
            try (Host host = Host.startHeadless(config, Clock.systemUTC())) {
                Registered<RecordType> type = host.plugins().extensions().recordType(CONTEXT)
                        .orElseThrow(() -> new CliException("no plugin provides webhook listeners: enable the "
                                + "webhooks plugin (plugins enable webhooks)"));
                List<Map<String, Object>> listeners = host.database().read(sql -> type.extension().list(sql));
                System.out.printf("%-5s %-24s %-9s %s%n", "ID", "NAME", "BEHAVIOR", "URL");
                for (Map<String, Object> l : listeners) {
                    System.out.printf("%-5s %-24s %-9s %s%n", l.get("id"), l.get("name"), l.get("behavior_id"),
                            l.get("url"));
                }
                return 0;
            }
        }
    }
}
