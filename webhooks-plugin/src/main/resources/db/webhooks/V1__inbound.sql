-- Inbound webhooks: listener URLs bound to a behavior, a change counter other processes poll, and the request log.

CREATE TABLE webhook_listener (
    id              ${id_pk},
    uid             VARCHAR(200),
    name            VARCHAR(255)  NOT NULL,
    guid            VARCHAR(40)   NOT NULL UNIQUE,
    behavior_id     BIGINT        NOT NULL,
    body_limit      BIGINT,                 -- bytes; null: webhooks.body_limit
    rate_limit      INTEGER,                -- requests a minute; null: webhooks.rate_limit
    max_concurrent  INTEGER,                -- behavior runs at once; null: webhooks.max_concurrent
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);

-- One row; bumped in the same transaction as any listener change so every process reloads its cache.
CREATE TABLE webhook_listener_version (
    topic    VARCHAR(40)  NOT NULL PRIMARY KEY,
    version  BIGINT       NOT NULL
);
INSERT INTO webhook_listener_version(topic, version) VALUES ('listeners', 0);

CREATE TABLE webhook_request (
    id                ${id_pk},
    listener_id       BIGINT        NOT NULL,
    received_at       BIGINT        NOT NULL,  -- epoch millis
    method            VARCHAR(16)   NOT NULL,
    path              TEXT          NOT NULL,
    query             TEXT          NOT NULL,
    client_ip         VARCHAR(64)   NOT NULL,
    request_headers   TEXT          NOT NULL,  -- JSON [[name, value], ...], secrets redacted
    request_body      ${blob},                 -- first 64 KiB
    request_size      BIGINT        NOT NULL,
    status            INTEGER       NOT NULL,
    response_headers  TEXT          NOT NULL,  -- JSON [[name, value], ...]
    response_body     ${blob},                 -- first 64 KiB
    response_size     BIGINT        NOT NULL,
    duration_micros   BIGINT        NOT NULL,
    trace             TEXT,                    -- JSON list of trace entries
    error             TEXT,
    replay_of         BIGINT
);
CREATE INDEX webhook_request_listener ON webhook_request(listener_id, id);
CREATE INDEX webhook_request_received ON webhook_request(received_at);
