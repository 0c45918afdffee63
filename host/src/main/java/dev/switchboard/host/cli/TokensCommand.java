package dev.switchboard.host.cli;

import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.auth.Tokens;
import dev.switchboard.host.json.HostJson;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tokens create|list|revoke}. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Manage admin API tokens.",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand {
    @ParentCommand
    Cli cli;

    <T> T withTokens(java.util.function.BiFunction<Tokens, Offline, T> action) {
        try (Offline off = new Offline(cli.config())) {
            return action.apply(new Tokens(off.db, Clock.systemUTC(), Optional.empty()), off);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token; it is printed once and never stored in clear.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        TokensCommand parent;
        @Parameters(paramLabel = "NAME", description = "what the token is for, e.g. ci")
        String name;

        @Override
        public Integer call() {
            return parent.withTokens((tokens, off) -> {
                Tokens.Created created = tokens.create(name, "cli");
                new AuditLog(off.db, new HostJson(), Clock.systemUTC()).record("cli", "token.create",
                        "api_token:" + created.info().id(), Map.of("name", name));
                // Only the token on standard output, so that T=$(switchboard tokens create me) keeps just it.
                System.out.println(created.token());
                System.err.println("token " + created.info().id() + " (" + name + ") created; it will not be shown again");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand
        TokensCommand parent;

        @Override
        public Integer call() {
            return parent.withTokens((tokens, off) -> {
                System.out.printf("%-5s %-20s %-12s %-25s %s%n", "ID", "NAME", "PREFIX", "CREATED", "REVOKED");
                for (Tokens.TokenInfo t : tokens.list()) {
                    System.out.printf("%-5d %-20s %-12s %-25s %s%n", t.id(), t.name(), t.prefix(),
                            Instant.ofEpochMilli(t.createdAt()),
                            t.revokedAt() == null ? "-" : Instant.ofEpochMilli(t.revokedAt()).toString());
                }
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        TokensCommand parent;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            return parent.withTokens((tokens, off) -> {
                if (!tokens.revoke(id)) {
                    System.err.println("no active token with id " + id);
                    return 1;
                }
                new AuditLog(off.db, new HostJson(), Clock.systemUTC()).record("cli", "token.revoke",
                        "api_token:" + id, Map.of());
                System.out.println("revoked token " + id);
                return 0;
            });
        }
    }
}
