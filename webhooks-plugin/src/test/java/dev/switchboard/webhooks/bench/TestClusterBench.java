package dev.switchboard.webhooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster benchmark's delivery rounds at a small count, so a broken benchmark fails the build: real processes,
 * one SQLite node and two worker processes on the embedded PostgreSQL, every queued delivery arriving. It asserts
 * delivery and that the costs were measured, never a rate.
 */
class TestClusterBench {
    private static final int DELIVERIES = 40;

    @TempDir
    Path dir;

    @Test
    void sqliteNodeDeliversEveryQueuedEvent() throws Exception {
        DeliveryDrain.Result r = DeliveryDrain.run(dir.resolve("sqlite"), null, 1, false, DELIVERIES);
        assertThat(r.delivered()).isEqualTo(DELIVERIES);
        assertThat(r.statementsPerDelivery()).isNotNaN();
        assertThat(r.cpuMsPerDelivery()).isNotNaN();
    }

    @Test
    void twoWorkerProcessesOnPostgresqlDeliverEveryQueuedEvent() throws Exception {
        Path base = dir.resolve("pg2");
        DeliveryDrain.Result r = DeliveryDrain.run(base, TestPostgres.databaseFor(base), 2, false, DELIVERIES);
        assertThat(r.delivered()).isEqualTo(DELIVERIES);
        assertThat(r.commitsPerDelivery()).isNotNaN();
    }
}
