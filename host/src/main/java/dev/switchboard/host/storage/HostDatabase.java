package dev.switchboard.host.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.Database;
import dev.switchboard.api.HealthCheck;
import dev.switchboard.api.SwitchboardException;
import dev.switchboard.host.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database in the data dir: one writer connection (every write transaction is {@code BEGIN IMMEDIATE},
 * so writers queue instead of failing with SQLITE_BUSY mid-transaction) and a small pool of readers. Pragmas per
 * SECURITY.md 17 are set on every connection and read back at start.
 *
 * <p>A write started inside another write on the same thread joins it (listeners publishing events inside the
 * change's transaction rely on this).
 */
public final class HostDatabase implements Database, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostDatabase.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final ThreadLocal<JdbiSql> current = new ThreadLocal<>();
    private final Path file;
    private final Dialect dialect;
    /** Why writes fail for want of space (set by a failed write, cleared by the next one that commits), or null. */
    private volatile String unavailable;
    private final LongAdder statements = new LongAdder();
    private final LongAdder commits = new LongAdder();

    private HostDatabase(HikariDataSource writerPool, HikariDataSource readerPool, Path file, Dialect dialect) {
        this.writerPool = writerPool;
        this.readerPool = readerPool;
        this.file = file;
        this.dialect = dialect;
        this.writer = Jdbi.create(writerPool);
        this.reader = Jdbi.create(readerPool);
        // Jdbi's default parser runs an ANTLR lexer the start pays for in CPU and JIT work; same rules, no ANTLR.
        ColonSqlParser parser = new ColonSqlParser();
        writer.setSqlParser(parser);
        reader.setSqlParser(parser);
        // Nothing here defines Jdbi attributes, so its default template engine (another ANTLR lexer over every
        // statement, expanding <name> from define()) would only cost the start; SQL goes to the parser as written.
        writer.setTemplateEngine(TemplateEngine.NOP);
        reader.setTemplateEngine(TemplateEngine.NOP);
        // Every statement is one round trip to the database (a batch is one); counted for /metrics and the
        // cluster benchmark's round trips per delivery.
        SqlLogger counting = new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.increment();
            }
        };
        writer.setSqlLogger(counting);
        reader.setSqlLogger(counting);
    }

    /**
     * Opens the configured database: PostgreSQL when {@code db.url} is a {@code jdbc:postgresql:} URL (shared by
     * several nodes), else SQLite in the data dir.
     */
    public static HostDatabase open(Config config) {
        Optional<String> url = config.string("db.url").filter(u -> !u.isBlank());
        String shown = url.map(u -> u.replaceAll("\\?.*", "")).orElse(""); // the query may hold a password
        if (url.isEmpty()) {
            return open(config.dataDir(), config.sqliteSynchronous());
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw Config.invalid("db.url", shown, "must be a jdbc:postgresql:// URL (leave it unset for SQLite)");
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("switchboard-pg");
        hc.setJdbcUrl(url.get());
        config.string("db.user").ifPresent(hc::setUsername);
        config.string("db.password").ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(config.intValue("db.pool_size", 10, 2, 200));
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(30_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to PostgreSQL at " + shown + ": " + rootMessage(e), e);
        }
        LOG.info("database PostgreSQL {} (pool of {})", shown, hc.getMaximumPoolSize());
        return new HostDatabase(pool, pool, null, Dialect.POSTGRESQL);
    }

    /**
     * Opens (creating if needed) {@code switchboard.db} in the data dir and checks its pragmas.
     *
     * @param synchronous FULL, EXTRA or NORMAL
     */
    public static HostDatabase open(Path dataDir, String synchronous) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StorageException("cannot create data dir " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve("switchboard.db");
        HostDatabase db = new HostDatabase(pool("switchboard-writer", sqlite(file, synchronous), 1, null),
                // query_only: a reader connection cannot write even by mistake.
                pool("switchboard-reader", sqlite(file, synchronous), 4, "PRAGMA query_only = 1"), file,
                Dialect.SQLITE);
        db.checkPragmas(synchronous);
        return db;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static SQLiteDataSource sqlite(Path file, String synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous));
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static HikariDataSource pool(String name, DataSource ds, int size, String initSql) {
        HikariConfig hc = new HikariConfig();
        hc.setConnectionInitSql(initSql);
        hc.setPoolName(name);
        hc.setDataSource(ds);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(30_000);
        return new HikariDataSource(hc);
    }

    private void checkPragmas(String synchronous) {
        Map<String, Object> actual = pragmas();
        int expectedSync = switch (synchronous) {
            case "EXTRA" -> 3;
            case "NORMAL" -> 1;
            default -> 2;
        };
        boolean ok = "wal".equals(String.valueOf(actual.get("journal_mode")).toLowerCase(Locale.ROOT))
                && Integer.valueOf(expectedSync).equals(actual.get("synchronous"))
                && Integer.valueOf(1).equals(actual.get("foreign_keys"))
                && ((Integer) actual.get("busy_timeout")) >= 5000;
        if (!ok) {
            throw new StorageException("SQLite pragmas are not as required (WAL, synchronous=" + synchronous
                    + ", foreign_keys=1, busy_timeout>=5000): " + actual, null);
        }
        LOG.info("database {} (journal_mode={}, synchronous={}, foreign_keys={}, busy_timeout={})", file,
                actual.get("journal_mode"), synchronous, actual.get("foreign_keys"), actual.get("busy_timeout"));
    }

    /** The pragmas as the writer connection sees them. */
    public Map<String, Object> pragmas() {
        return writer.withHandle(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String p : new String[] {"journal_mode", "synchronous", "foreign_keys", "busy_timeout"}) {
                String v = h.createQuery("PRAGMA " + p).mapTo(String.class).one();
                m.put(p, v.matches("-?\\d+") ? Integer.valueOf(v) : v);
            }
            return m;
        });
    }

    @Override
    public <T> T write(Work<T> work) {
        JdbiSql outer = current.get();
        if (outer != null) {
            return run(work, outer);
        }
        JdbiSql[] holder = new JdbiSql[1];
        T result;
        try {
            result = writer.inTransaction(handle -> {
                JdbiSql sql = new JdbiSql(handle, dialect());
                holder[0] = sql;
                current.set(sql);
                try {
                    return run(work, sql);
                } finally {
                    current.remove();
                }
            });
        } catch (SwitchboardException e) {
            throw e;
        } catch (RuntimeException e) {
            StorageException failure = StorageFailures.classify("database write failed", e, dialect);
            if (failure instanceof StorageUnavailableException) {
                markUnavailable(failure);
            }
            throw failure;
        }
        // Only a transaction that stored something proves space is back (an empty one writes nothing to the file).
        if (unavailable != null && holder[0].changed()) {
            unavailable = null;
            LOG.info("database writes succeed again");
        }
        commits.increment();
        for (Runnable task : holder[0].afterCommitTasks()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("after-commit task failed", e);
            }
        }
        return result;
    }

    @Override
    public <T> T read(Work<T> work) {
        JdbiSql outer = current.get();
        if (outer != null) {
            return run(work, outer); // see our own uncommitted writes
        }
        try {
            return reader.withHandle(handle -> run(work, new JdbiSql(handle, dialect())));
        } catch (SwitchboardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StorageFailures.classify("database read failed", e, dialect);
        }
    }

    /** Logs the first failure of a run of them (every write fails alike until space returns) and keeps it for /health. */
    private void markUnavailable(StorageException failure) {
        if (unavailable == null) {
            LOG.error("database writes fail: the disk is full; answering 503 until one succeeds",
                    failure);
        }
        unavailable = failure.getMessage();
    }

    /**
     * The database's part of {@code /health}: degraded from a write that failed for want of space (SQLITE_FULL,
     * PostgreSQL 53100) until a write that changed rows commits again.
     */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            public String id() {
                return "database";
            }

            @Override
            public Optional<String> problem() {
                return Optional.ofNullable(unavailable);
            }
        };
    }

    private static <T> T run(Work<T> work, JdbiSql sql) {
        try {
            return work.run(sql);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    @Override
    public String dialect() {
        return dialect.name().toLowerCase(Locale.ROOT);
    }

    /** Statements executed so far (each one round trip; a batch counts once). */
    public LongSupplier statementsExecuted() {
        return statements::sum;
    }

    /** Write transactions committed so far. */
    public LongSupplier writesCommitted() {
        return commits::sum;
    }

    /** The writer's data source, for migrations. */
    public DataSource writerDataSource() {
        return writerPool;
    }

    /** The SQLite database file (null on PostgreSQL). */
    public Path file() {
        return file;
    }

    /** Runs {@code PRAGMA integrity_check}; "ok" when the file is sound. */
    public String integrityCheck() {
        return reader.withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
    }

    @Override
    public void close() {
        readerPool.close();
        if (writerPool != readerPool) {
            writerPool.close();
        }
    }
}
