-- Recurring behaviors (Cerb's event.behavior.recurrent) and ticket comments.

-- A behavior's event params (Cerb's trigger_event.event_params): for event.behavior.recurrent its repeat_patterns
-- (cron lines) and timezone. JSON object, '{}' for events that take none.
ALTER TABLE behavior ADD COLUMN event_params TEXT NOT NULL DEFAULT '{}';

-- A recurrent behavior's next run is one scheduled_behavior row with context 'behavior.recurrent' (context_id: its
-- bot), claimed like any scheduled run and moved to the next due time after it ran instead of deleted. The unique
-- index keeps it one row per behavior when several nodes add it at once.
CREATE UNIQUE INDEX scheduled_behavior_recurrent ON scheduled_behavior(behavior_id)
    WHERE context = 'behavior.recurrent';

-- Comments (Cerb's comment records) on a ticket or on a bot, written by create_comment. Exactly one of ticket_id
-- and bot_id is set; a comment goes with its ticket or bot. author is who wrote it (behavior:<id>).
-- notify_worker_ids is a JSON array, kept as given (this host has no workers to notify).
CREATE TABLE comment (
    id                 ${id_pk},
    ticket_id          BIGINT        REFERENCES ticket(id) ON DELETE CASCADE,
    bot_id             BIGINT        REFERENCES bot(id) ON DELETE CASCADE,
    author             VARCHAR(200)  NOT NULL,
    content            TEXT          NOT NULL,
    notify_worker_ids  TEXT          NOT NULL,
    created_at         BIGINT        NOT NULL,
    CHECK ((ticket_id IS NULL) <> (bot_id IS NULL))
);
CREATE INDEX comment_ticket ON comment(ticket_id, id);
CREATE INDEX comment_bot ON comment(bot_id, id);
