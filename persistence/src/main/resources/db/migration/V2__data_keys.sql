-- Crypto-shredding: one data key per conversation of one user (scoped by owner as the
-- topology's state is, since conversation ids are chosen by clients), wrapped by the master key
-- named in master_key_id. Content on every topic is sealed with it; deleting the row (an
-- erasure) makes every copy on every topic, replica and backup unreadable at once.
-- Not in the sluice_audit publication: the audit stream must never carry key material.
CREATE TABLE data_keys (
    id               uuid        PRIMARY KEY,
    user_id          text        NOT NULL,
    conversation_id  text        NOT NULL,
    master_key_id    text        NOT NULL,
    wrapped          bytea       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, conversation_id)
);
