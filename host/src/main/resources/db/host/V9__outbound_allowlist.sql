-- Outbound allowlist entries an admin added at run time (PUT /api/outbound/allowlist), on top of the configured
-- outbound.allowlist; every node reads them (change_version topic 'outbound_allowlist'). Issue 18 item 10: fixing
-- the allowlist no longer needs a restart, and deliveries it refused are retried at once.
CREATE TABLE outbound_allowlist (
    entry     VARCHAR(100)  PRIMARY KEY,
    added_at  BIGINT        NOT NULL,
    added_by  VARCHAR(200)  NOT NULL
);
