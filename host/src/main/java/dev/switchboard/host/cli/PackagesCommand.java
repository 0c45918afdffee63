package dev.switchboard.host.cli;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.packages.DuplicateImportException;
import dev.switchboard.host.packages.PackageException;
import dev.switchboard.host.packages.PackageImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code packages import FILE [--prompt key=value]... [--bot-id ID] [--import-again]}: the CLI form of
 * {@code POST /api/packages/import}; a package imported before is refused unless {@code --import-again}.
 */
@Command(name = "packages", mixinStandardHelpOptions = true, description = "Import Cerb packages.",
        subcommands = {PackagesCommand.Import.class})
final class PackagesCommand {
    @ParentCommand
    Cli cli;

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a package file (Cerb 8 JSON, as exported) into the data dir; "
                    + "prints what was created as JSON. A running server sees it within a second.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        PackagesCommand parent;
        @Parameters(paramLabel = "FILE", description = "the package JSON file ('-' reads standard input)")
        String file;
        @Option(names = "--prompt", paramLabel = "KEY=VALUE",
                description = "answer to one of the package's configure.prompts (repeat for each)")
        Map<String, String> prompts = new LinkedHashMap<>();
        @Option(names = "--bot-id", paramLabel = "ID", description = "bot to add a single-behavior package to")
        Long botId;
        @Option(names = "--import-again", description = "import even when the package's bot (same uid or name) or "
                + "behavior exists already, making a second copy of it; without it such an import is refused")
        boolean importAgain;

        @Override
        public Integer call() {
            String text = read(file);
            Config config = parent.cli.config();
            Offline.requireInstall(config);
            try (Host host = Host.startHeadless(config, Clock.systemUTC())) {
                PackageImporter.Result r = host.packages().importPackage(text,
                        new PackageImporter.Options(prompts, botId, "cli", importAgain));
                System.out.println(new HostJson().write(r.toJson()));
                for (Map<String, Object> record : r.records()) {
                    if (record.get("url") != null) {
                        System.err.println(record.get("_context") + " " + record.get("id") + " ("
                                + record.get("name") + "): " + record.get("url"));
                    }
                }
                return 0;
            } catch (PackageException e) {
                System.err.println("import failed, nothing was written: " + e.getMessage());
                return 1;
            } catch (DuplicateImportException e) {
                System.err.println("not imported, nothing was written: " + e.getMessage()
                        + "; add --import-again to do that");
                return 1;
            }
        }

        /** The package text; a file that is not there is one line saying where it was looked for. */
        private static String read(String file) {
            try {
                if ("-".equals(file)) {
                    return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    throw new CliException("no package file " + path.toAbsolutePath().normalize()
                            + (path.isAbsolute() ? "" : " (relative to the current folder "
                            + Path.of("").toAbsolutePath() + ")"));
                }
                return Files.readString(path);
            } catch (IOException e) {
                throw new CliException("cannot read the package file " + file + ": " + e.getMessage());
            }
        }
    }
}
