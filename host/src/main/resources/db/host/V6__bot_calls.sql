-- Bots that call and schedule each other (Cerb's bot_datastore and context_scheduled_behavior).

-- A bot's key-value storage (_get_key / _set_key). expires_at is epoch seconds, 0 for never; an expired key reads
-- as missing and housekeeping removes it.
CREATE TABLE bot_datastore (
    bot_id      BIGINT        NOT NULL REFERENCES bot(id) ON DELETE CASCADE,
    data_key    VARCHAR(255)  NOT NULL,
    data_value  TEXT          NOT NULL,
    expires_at  BIGINT        NOT NULL,
    PRIMARY KEY (bot_id, data_key)
);
INSERT INTO host_job (name, next_run_at) VALUES ('bot_datastore_expiry', 0);

-- Behaviors scheduled to run later (_schedule_behavior). run_at is epoch milliseconds; a node that takes a due run
-- moves run_at forward by its lease and deletes the row when the run is over, so a node killed mid-run leaves it
-- due again once the lease ends. context/context_id are what the run is "on" (Cerb's on: a bot here).
CREATE TABLE scheduled_behavior (
    id           ${id_pk},
    behavior_id  BIGINT        NOT NULL REFERENCES behavior(id) ON DELETE CASCADE,
    context      VARCHAR(100)  NOT NULL,
    context_id   BIGINT        NOT NULL,
    run_at       BIGINT        NOT NULL,
    variables    TEXT          NOT NULL,  -- JSON object: the var_* inputs, rendered when scheduled
    attempts     INTEGER       NOT NULL,
    holder       VARCHAR(200),
    created_at   BIGINT        NOT NULL
);
CREATE INDEX scheduled_behavior_due ON scheduled_behavior(run_at);
CREATE INDEX scheduled_behavior_target ON scheduled_behavior(behavior_id, context, context_id);
