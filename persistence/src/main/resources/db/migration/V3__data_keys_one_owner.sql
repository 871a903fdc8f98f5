-- A conversation id has one owner. V2 scoped keys by (user, conversation), so a second user
-- naming someone else's id got a key of their own: answered, but the sink refused their history
-- (the id belongs to its first owner) and DELETE answered 404, so nothing could ever destroy
-- that key and their sealed copies outlived any erasure they asked for. Now the first key of an
-- id owns it; the gateway gives any other user (and anyone naming an erased id) a fresh id.
--
-- Keys of later owners already in the table keep working for what was sealed with them
-- (records name their key by id): they move to a name no client can send ('#' is not allowed in
-- a conversation_id), which frees the id for its first owner alone.
UPDATE data_keys d
   SET conversation_id = d.conversation_id || '#' || d.id
 WHERE EXISTS (SELECT 1 FROM data_keys e
                WHERE e.conversation_id = d.conversation_id
                  AND (e.created_at, e.id) < (d.created_at, d.id));

CREATE UNIQUE INDEX data_keys_one_owner ON data_keys (conversation_id);
