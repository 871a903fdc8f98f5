-- Conversation history. Ids are text: conversation and correlation ids are UUIDv7 strings minted
-- by the gateway, and a user id is a JWT subject of any shape.

CREATE TABLE users (
    id          text        PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
    id          text        PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES users (id),
    title       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
-- "A user's conversations, newest first, paged": keyset pagination on (updated_at, id).
CREATE INDEX conversations_by_user_recent ON conversations (user_id, updated_at DESC, id DESC);

-- Masked content only: the sink stores what the topology forwarded, never the raw request.
-- turn orders the two messages of one exchange when their timestamps tie (0 user, 1 assistant).
CREATE TABLE messages (
    id               text        PRIMARY KEY,
    conversation_id  text        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role             text        NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content          text        NOT NULL,
    turn             smallint    NOT NULL,
    created_at       timestamptz NOT NULL
);
-- "A conversation's messages in order".
CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at, turn);

-- One row per assistant message: what it cost and how long each stage took.
CREATE TABLE responses (
    message_id         text             PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id    text             NOT NULL,
    model              text             NOT NULL,
    prompt_tokens      integer          NOT NULL,
    completion_tokens  integer          NOT NULL,
    finish_reason      text             NOT NULL,
    cached             boolean          NOT NULL,
    accepted_at        timestamptz      NOT NULL,
    started_at         timestamptz,
    first_token_at     timestamptz,
    completed_at       timestamptz      NOT NULL,
    ttft_ms            double precision,
    engine_ttft_ms     double precision,
    duration_ms        double precision NOT NULL
);
CREATE INDEX responses_by_conversation ON responses (conversation_id);

-- Conversations erased by their owner. The sink checks it so a late or replayed completion
-- cannot bring an erased conversation back; it holds ids only, no content.
CREATE TABLE erased_conversations (
    id         text        PRIMARY KEY,
    erased_at  timestamptz NOT NULL
);

-- Deletes must carry the old row: the CDC stream says whose conversation was erased, and which
-- conversation a deleted message belonged to.
ALTER TABLE conversations REPLICA IDENTITY FULL;
ALTER TABLE messages REPLICA IDENTITY FULL;

-- What Debezium streams (pgoutput): the conversation tables. responses (usage and timings) is
-- left out: it is metrics, not conversation, and would add a quarter to the capture's work.
-- Created here rather than by the connector so its database user needs no CREATE rights.
CREATE PUBLICATION sluice_audit FOR TABLE conversations, messages;
