-- A listener's own deadline for a whole behavior run, in milliseconds; null: the host's engine.run_timeout_ms.
ALTER TABLE webhook_listener ADD COLUMN run_timeout_ms BIGINT;
