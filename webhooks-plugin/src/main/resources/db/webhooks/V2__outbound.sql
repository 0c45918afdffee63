-- Outbound webhook subscriptions. Secrets (signing secret, the previous one during rotation, Basic password or
-- bearer token, custom header value) are AES-GCM ciphertext; the key lives outside the database (SECURITY.md 20).
-- events holds a JSON array; times are epoch milliseconds.
CREATE TABLE webhook_subscription (
    id                    ${id_pk},
    name                  VARCHAR(100)  NOT NULL UNIQUE,
    description           VARCHAR(1000) NOT NULL,
    enabled               INTEGER       NOT NULL,
    url                   VARCHAR(2000) NOT NULL,
    events                TEXT          NOT NULL,
    filter                TEXT,
    payload_format        VARCHAR(10)   NOT NULL,
    payload_template      TEXT,
    post_mode             VARCHAR(20)   NOT NULL,
    auth_type             VARCHAR(10)   NOT NULL,
    auth_username         VARCHAR(200),
    auth_secret           ${blob},
    header_name           VARCHAR(100),
    header_value          ${blob},
    secret                ${blob},
    previous_secret       ${blob},
    previous_secret_until BIGINT,
    github_signature      INTEGER       NOT NULL,
    secret_in_payload     INTEGER       NOT NULL,
    disabled_reason       VARCHAR(500),
    failing_since         BIGINT,
    created_at            BIGINT        NOT NULL,
    updated_at            BIGINT        NOT NULL
);

-- The durable outbox: one row per (event, subscription), written in the transaction of the change. A worker claims
-- due rows by pushing next_attempt_at past a lease (visibility timeout); a process killed mid-send leaves the row
-- due again when the lease ends. webhook_id stays the same across retries and redeliveries.
-- status: pending (waiting or retrying), succeeded, dead (retries exhausted, 410, or an unrenderable payload).
CREATE TABLE webhook_delivery (
    id               ${id_pk},
    webhook_id       VARCHAR(40)  NOT NULL UNIQUE,
    subscription_id  BIGINT       NOT NULL REFERENCES webhook_subscription(id) ON DELETE CASCADE,
    event_type       VARCHAR(200) NOT NULL,
    envelope         TEXT         NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  BIGINT       NOT NULL,
    last_status      INTEGER,
    last_error       VARCHAR(1000),
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery(status, next_attempt_at);
CREATE INDEX webhook_delivery_subscription ON webhook_delivery(subscription_id, created_at);

-- Every attempt: request headers with credentials redacted, the response as captured (the client caps it).
CREATE TABLE webhook_attempt (
    id               ${id_pk},
    delivery_id      BIGINT       NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
    started_at       BIGINT       NOT NULL,
    duration_ms      BIGINT       NOT NULL,
    request          TEXT         NOT NULL,
    status           INTEGER      NOT NULL,
    response_headers TEXT         NOT NULL,
    response_body    ${blob},
    truncated        INTEGER      NOT NULL,
    error            VARCHAR(1000)
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt(delivery_id);
