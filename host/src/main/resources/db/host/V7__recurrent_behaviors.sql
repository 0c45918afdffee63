-- Recurring behaviors (Cerb's event.behavior.recurrent) and ticket comments.

-- A behavior's event params (Cerb's trigger_event.event_params): for event.behavior.recurrent its repeat_patterns
-- (cron lines) and timezone. JSON object, '{}' for events that take none.
ALTER TABLE behavior ADD COLUMN event_params TEXT NOT NULL DEFAULT '{}';

-- A recurrent behavior's next run is one scheduled_behavior row with context 'behavior.recurrent' (context_id: its
-- bot), claimed like any scheduled run and moved to the next due time after it ran instead of deleted. The unique
-- index keeps it one row per behavior when several nodes add it at once.
CREATE UNIQUE INDEX scheduled_behavior_recurrent ON scheduled_behavior(behavior_id)
    WHERE context = 'behavior.recurrent';
