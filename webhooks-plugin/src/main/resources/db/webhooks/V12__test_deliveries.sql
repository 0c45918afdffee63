-- Test events ("Send a test event") are kept in the delivery history as finished deliveries marked 1 here, with the
-- attempt and the receiver's answer (issue 18 item 10). Deliveries recorded before this column are not tests (0).
ALTER TABLE webhook_delivery ADD COLUMN is_test INTEGER NOT NULL DEFAULT 0;
