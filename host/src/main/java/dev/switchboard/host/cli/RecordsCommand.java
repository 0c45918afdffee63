package dev.switchboard.host.cli;

import dev.switchboard.api.RecordType;
import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.plugins.Registered;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code records list [CONTEXT]}: the records of one type as its plugin lists them ({@link RecordType#list}, e.g. a
 * record's URL), without reading the plugin's tables; without a type, the record types the enabled plugins provide.
 */
@Command(name = "records", mixinStandardHelpOptions = true,
        description = "Records that plugins provide (the ones packages create).",
        subcommands = {RecordsCommand.ListRecords.class})
final class RecordsCommand {
    @ParentCommand
    Cli cli;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the records of a type (its _context or an alias), or without one the types.")
    static final class ListRecords implements Callable<Integer> {
        @ParentCommand
        RecordsCommand parent;

        @Parameters(index = "0", arity = "0..1", paramLabel = "CONTEXT", description = "the record type")
        String context;

        @Override
        public Integer call() {
            Config config = parent.cli.config();
            Offline.requireInstall(config);
            try (Host host = Host.startHeadless(config, Clock.systemUTC())) {
                List<Registered<RecordType>> types = host.plugins().extensions().recordTypes();
                if (context == null) {
                    print(List.of("CONTEXT", "PLUGIN"), types.stream()
                            .map(t -> List.of(t.extension().context(), t.pluginId())).toList());
                    return 0;
                }
                Registered<RecordType> type = host.plugins().extensions().recordType(context)
                        .orElseThrow(() -> new CliException("no enabled plugin provides records of type '" + context
                                + "'; the types are " + types.stream().map(t -> t.extension().context()).toList()
                                + " (records list), and plugins list shows the plugins to enable"));
                List<Map<String, Object>> records = host.database().read(sql -> type.extension().list(sql));
                Set<String> columns = new LinkedHashSet<>();
                columns.add("id");
                records.forEach(r -> columns.addAll(r.keySet()));
                List<List<String>> rows = new ArrayList<>();
                for (Map<String, Object> r : records) {
                    rows.add(columns.stream().map(c -> r.get(c) == null ? "" : String.valueOf(r.get(c))).toList());
                }
                print(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(), rows);
                return 0;
            }
        }

        /** Columns as wide as their widest value, the last one as is. */
        private static void print(List<String> header, List<List<String>> rows) {
            int[] widths = new int[header.size()];
            List<List<String>> all = new ArrayList<>();
            all.add(header);
            all.addAll(rows);
            for (List<String> row : all) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            for (List<String> row : all) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 1) + "s",
                            row.get(i)));
                }
                System.out.println(line.toString().stripTrailing());
            }
        }
    }
}
