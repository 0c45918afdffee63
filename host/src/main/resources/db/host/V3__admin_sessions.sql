-- Admin page sign-in sessions. The cookie holds a random id; only its SHA-256 is stored. A session made with an API
-- token dies with the token (token_sha256 is checked against api_token on every request).
CREATE TABLE admin_session (
    id_sha256     VARCHAR(64)  PRIMARY KEY,
    principal     VARCHAR(200) NOT NULL,
    token_sha256  VARCHAR(64),
    csrf          VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL
);
CREATE INDEX admin_session_expires ON admin_session(expires_at);
