-- Record types for Cerb's record actions (core.bot.action.record.*) beyond tickets: tasks and workers, the two
-- that Cerb's "create recurring tasks" guide searches and creates. Both are plain records (no events); behaviors
-- and the API (/api/records/{type}) write them.

-- A task (Cerb's cerberusweb.contexts.task). status is open, waiting or closed; importance 0-100; due_at and
-- completed_at are epoch SECONDS as in Cerb's dictionaries (0 for none); owner_id a worker id, 0 for nobody.
CREATE TABLE task (
    id            ${id_pk},
    title         VARCHAR(255)  NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    importance    INTEGER       NOT NULL,
    due_at        BIGINT        NOT NULL,
    owner_id      BIGINT        NOT NULL,
    completed_at  BIGINT        NOT NULL,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL
);
CREATE INDEX task_owner ON task(owner_id);

-- A worker (Cerb's cerberusweb.contexts.worker): someone tasks and comments are for. This host signs nobody in as a
-- worker; the records are what behaviors look up and assign (is_disabled 0 or 1).
CREATE TABLE worker (
    id           ${id_pk},
    first_name   VARCHAR(128)  NOT NULL,
    last_name    VARCHAR(128)  NOT NULL,
    email        VARCHAR(320)  NOT NULL,
    title        VARCHAR(255)  NOT NULL,
    is_disabled  INTEGER       NOT NULL,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL
);
CREATE UNIQUE INDEX worker_email ON worker(email);
