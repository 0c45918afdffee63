-- Sessions die with the credential they came from. A session signed in with the configured admin_token keeps
-- admin_token_mac = HMAC-SHA256(key = the cookie's id, the token), compared on every lookup: once the token is
-- changed (and the host restarted) its sessions no longer match. Keyed by the cookie, so the table alone does not
-- let anyone test guesses of the admin token. Sessions made before this column cannot be traced to their
-- credential: they end here.
DELETE FROM admin_session WHERE token_sha256 IS NULL;
ALTER TABLE admin_session ADD COLUMN admin_token_mac VARCHAR(64);

-- The host's periodic jobs that must run once across all nodes sharing the database (compare-and-set on
-- next_run_at, as webhook_job does for the webhooks plugin).
CREATE TABLE host_job (
    name         VARCHAR(100) PRIMARY KEY,
    next_run_at  BIGINT       NOT NULL,
    holder       VARCHAR(200)
);
INSERT INTO host_job (name, next_run_at) VALUES ('audit_retention', 0);

-- A bot's secret config values (package prompts marked hidden or password, and keys named like credentials),
-- AES-GCM sealed as one JSON object {key: value}; params.config keeps ******** in their place.
ALTER TABLE bot ADD COLUMN secrets ${blob};
