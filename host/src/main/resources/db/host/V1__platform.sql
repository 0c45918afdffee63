-- Host platform tables. Portable SQL (SQLite and PostgreSQL): epoch-millisecond times, 0/1 flags.
-- Dialect seam: Flyway placeholders ${id_pk} (an auto-generated BIGINT primary key) and ${blob} (bytes).

CREATE TABLE plugin_status (
    plugin_id   VARCHAR(100) PRIMARY KEY,
    enabled     INTEGER      NOT NULL,
    updated_at  BIGINT       NOT NULL,
    updated_by  VARCHAR(200) NOT NULL
);

-- Bumped by whoever changes shared settings (plugin status, caches' sources) so that other processes on the same
-- database (a CLI command, another node) notice with one cheap read.
CREATE TABLE change_version (
    topic    VARCHAR(100) PRIMARY KEY,
    version  BIGINT       NOT NULL
);

CREATE TABLE api_token (
    id          ${id_pk},
    name        VARCHAR(200) NOT NULL,
    prefix      VARCHAR(40)  NOT NULL,
    sha256      VARCHAR(64)  NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    last_used_at BIGINT,
    revoked_at  BIGINT
);

CREATE TABLE audit_log (
    id       ${id_pk},
    at       BIGINT        NOT NULL,
    actor    VARCHAR(200)  NOT NULL,
    action   VARCHAR(200)  NOT NULL,
    target   VARCHAR(400)  NOT NULL,
    details  TEXT          NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE ticket (
    id              ${id_pk},
    mask            VARCHAR(32)   NOT NULL UNIQUE,
    subject         VARCHAR(255)  NOT NULL,
    body            TEXT          NOT NULL,
    requester       VARCHAR(320)  NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    priority        INTEGER       NOT NULL,
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);
CREATE INDEX ticket_updated_at ON ticket(updated_at);
