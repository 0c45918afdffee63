-- How a listener's calls reach the request log: 'durable' (the answer waits until its row is committed; 503 when
-- the log cannot be written) or 'best_effort' (written in the background; a row may be lost on a crash or a full
-- disk). Existing listeners become durable: a call answered 2xx is in the log.
ALTER TABLE webhook_listener ADD COLUMN log_mode VARCHAR(16) NOT NULL DEFAULT 'durable';
