-- Whether a replayed request ran as a simulation (1) or for real (0); NULL for calls that are not replays
-- (issue 18 item 9: the request log says which a replay was). Replays logged before this column are unknown (NULL).
ALTER TABLE webhook_request ADD COLUMN replay_simulated INTEGER;
