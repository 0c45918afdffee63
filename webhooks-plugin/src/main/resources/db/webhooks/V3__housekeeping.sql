-- Periodic jobs that must run once across all nodes sharing the database: a node runs a job only when its UPDATE
-- moves next_run_at forward (compare-and-set), so two nodes never both run it in the same period.
CREATE TABLE webhook_job (
    name         VARCHAR(100) PRIMARY KEY,
    next_run_at  BIGINT       NOT NULL,
    holder       VARCHAR(200)
);
INSERT INTO webhook_job (name, next_run_at) VALUES ('request_log_retention', 0);
INSERT INTO webhook_job (name, next_run_at) VALUES ('delivery_retention', 0);
