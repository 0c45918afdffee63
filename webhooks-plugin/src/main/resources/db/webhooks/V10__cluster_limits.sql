-- Cluster-wide limits (issue 20). Numbered V10 so it cannot clash with V4/V5 from parallel work.
--
-- A subscription's delivery rate, deliveries a minute across every worker (NULL: no limit).
ALTER TABLE webhook_subscription ADD COLUMN rate_limit INTEGER;

-- The circuit breaker every worker shares on PostgreSQL: failures in a row (any worker's) and when the open
-- breaker lets deliveries through again (epoch millis, NULL when closed). Single-node SQLite keeps it in memory.
ALTER TABLE webhook_subscription ADD COLUMN breaker_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webhook_subscription ADD COLUMN breaker_open_until BIGINT;

-- Token buckets shared by the nodes on PostgreSQL (listener rate limits, subscription delivery rates). A node
-- leases a batch of tokens at a time (one short transaction per batch, not per request) and gives back what it
-- did not use on its next lease. Tokens are counted in thousandths so the continuous refill stays an integer;
-- refilled_at is epoch millis.
CREATE TABLE webhook_rate_bucket (
    bucket       VARCHAR(100) PRIMARY KEY,
    milli_tokens BIGINT       NOT NULL,
    refilled_at  BIGINT       NOT NULL
);
