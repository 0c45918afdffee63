-- Outbound webhook subscriptions. Secrets (signing secret, the previous one during rotation, Basic password or
-- bearer token, custom header value) are AES-GCM ciphertext; the key lives outside the database (SECURITY.md 20).
-- events and routes hold JSON arrays; times are epoch milliseconds.
CREATE TABLE webhook_subscription (
    id                    ${id_pk},
    name                  VARCHAR(100)  NOT NULL UNIQUE,
    description           VARCHAR(1000) NOT NULL,
    enabled               INTEGER       NOT NULL,
    url                   VARCHAR(2000) NOT NULL,
    events                TEXT          NOT NULL,
    routes                TEXT          NOT NULL,
    filter                TEXT,
    payload_format        VARCHAR(10)   NOT NULL,
    payload_template      TEXT,
    post_mode             VARCHAR(20)   NOT NULL,
    auth_type             VARCHAR(10)   NOT NULL,
    auth_username         VARCHAR(200),
    auth_secret           ${blob},
    header_name           VARCHAR(100),
    header_value          ${blob},
    secret                ${blob},
    previous_secret       ${blob},
    previous_secret_until BIGINT,
    github_signature      INTEGER       NOT NULL,
    secret_in_payload     INTEGER       NOT NULL,
    disabled_reason       VARCHAR(500),
    created_at            BIGINT        NOT NULL,
    updated_at            BIGINT        NOT NULL
);
