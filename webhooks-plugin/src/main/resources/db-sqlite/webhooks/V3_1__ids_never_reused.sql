-- SQLite gives an INTEGER PRIMARY KEY without AUTOINCREMENT the highest id + 1, so deleting the newest listener,
-- logged request, subscription or delivery handed its id to the next one: an id in an old log line or a receiver's
-- records then named a new object. AUTOINCREMENT never gives an id twice. SQLite cannot change a column, so each
-- table is rebuilt here with the same columns, rows and ids (sqlite_sequence starts after the highest copied id).
-- INSERT … SELECT * fails rather than drop a column the table has gained since.
-- webhook_subscription <- webhook_delivery <- webhook_attempt: parents are rebuilt before their children and dropped
-- after them, so no ON DELETE CASCADE fires, and renaming a parent renames the references in its new children.
-- SQLite only (db-sqlite/): PostgreSQL identity columns never reuse an id. Numbered before V4 so that later
-- migrations adding columns find the rebuilt tables. New tables get AUTOINCREMENT from the id_pk placeholder.

CREATE TABLE webhook_listener_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uid             VARCHAR(200),
    name            VARCHAR(255)  NOT NULL,
    guid            VARCHAR(40)   NOT NULL UNIQUE,
    behavior_id     BIGINT        NOT NULL,
    body_limit      BIGINT,
    rate_limit      INTEGER,
    max_concurrent  INTEGER,
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);
INSERT INTO webhook_listener_new SELECT * FROM webhook_listener;
DROP TABLE webhook_listener;
ALTER TABLE webhook_listener_new RENAME TO webhook_listener;

CREATE TABLE webhook_request_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    listener_id       BIGINT        NOT NULL,
    received_at       BIGINT        NOT NULL,
    method            VARCHAR(16)   NOT NULL,
    path              TEXT          NOT NULL,
    query             TEXT          NOT NULL,
    client_ip         VARCHAR(64)   NOT NULL,
    request_headers   TEXT          NOT NULL,
    request_body      BLOB,
    request_size      BIGINT        NOT NULL,
    status            INTEGER       NOT NULL,
    response_headers  TEXT          NOT NULL,
    response_body     BLOB,
    response_size     BIGINT        NOT NULL,
    duration_micros   BIGINT        NOT NULL,
    trace             TEXT,
    error             TEXT,
    replay_of         BIGINT
);
INSERT INTO webhook_request_new SELECT * FROM webhook_request;
DROP TABLE webhook_request;
ALTER TABLE webhook_request_new RENAME TO webhook_request;
CREATE INDEX webhook_request_listener ON webhook_request(listener_id, id);
CREATE INDEX webhook_request_received ON webhook_request(received_at);

CREATE TABLE webhook_subscription_new (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
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
    auth_secret           BLOB,
    header_name           VARCHAR(100),
    header_value          BLOB,
    secret                BLOB,
    previous_secret       BLOB,
    previous_secret_until BIGINT,
    github_signature      INTEGER       NOT NULL,
    secret_in_payload     INTEGER       NOT NULL,
    disabled_reason       VARCHAR(500),
    failing_since         BIGINT,
    created_at            BIGINT        NOT NULL,
    updated_at            BIGINT        NOT NULL
);
INSERT INTO webhook_subscription_new SELECT * FROM webhook_subscription;
CREATE TABLE webhook_delivery_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id       VARCHAR(40)  NOT NULL UNIQUE,
    subscription_id  BIGINT       NOT NULL REFERENCES webhook_subscription_new(id) ON DELETE CASCADE,
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
INSERT INTO webhook_delivery_new SELECT * FROM webhook_delivery;
CREATE TABLE webhook_attempt_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id      BIGINT       NOT NULL REFERENCES webhook_delivery_new(id) ON DELETE CASCADE,
    started_at       BIGINT       NOT NULL,
    duration_ms      BIGINT       NOT NULL,
    request          TEXT         NOT NULL,
    status           INTEGER      NOT NULL,
    response_headers TEXT         NOT NULL,
    response_body    BLOB,
    truncated        INTEGER      NOT NULL,
    error            VARCHAR(1000)
);
INSERT INTO webhook_attempt_new SELECT * FROM webhook_attempt;
DROP TABLE webhook_attempt;
DROP TABLE webhook_delivery;
DROP TABLE webhook_subscription;
ALTER TABLE webhook_subscription_new RENAME TO webhook_subscription;
ALTER TABLE webhook_delivery_new RENAME TO webhook_delivery;
ALTER TABLE webhook_attempt_new RENAME TO webhook_attempt;
CREATE INDEX webhook_delivery_due ON webhook_delivery(status, next_attempt_at);
CREATE INDEX webhook_delivery_subscription ON webhook_delivery(subscription_id, created_at);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt(delivery_id);
