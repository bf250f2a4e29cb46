-- Rows shaped as the original backend wrote them, for original-backend-schema.sql: session_id holding the chat,
-- text feedback, feedback rows with user agent and IP address, invitations with plain tokens, NULL inviter ids and
-- every status.
-- 300 turns by 6 users over 30 days; chats of three turns share a session_id. The backend wrote the conversation
-- id into session_id for a chat's first turn. Columns left to their defaults where the backend did not send them.
INSERT INTO conversations (id, session_id, user_id, question, response, response_source, processing_time_ms,
                           title, preview, last_message_preview, language, status, feedback, feedback_comment,
                           client_version, created_at, updated_at)
SELECT ('30000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
       ('30000000-0000-4000-8000-' || lpad((g - (g - 1) % 3)::text, 12, '0'))::uuid,
       ('40000000-0000-4000-8000-' || lpad((g % 6)::text, 12, '0'))::uuid,
       'Question ' || g || ' about the water intake of broilers?',
       'Answer ' || g || ': about 1.8 times the feed intake.',
       CASE g % 4 WHEN 0 THEN 'rag' WHEN 1 THEN 'openai_fallback' WHEN 2 THEN 'table_lookup' ELSE 'rag' END,
       CASE WHEN g % 5 <> 0 THEN 400 + g * 7 END,
       'Question ' || g, 'Question ' || g, 'Answer ' || g,
       CASE g % 3 WHEN 0 THEN 'fr' WHEN 1 THEN 'en' ELSE 'es' END,
       CASE WHEN g % 50 = 0 THEN 'archived' WHEN g % 60 = 0 THEN 'deleted' ELSE 'active' END,
       CASE g % 4 WHEN 0 THEN '1' WHEN 1 THEN '-1' ELSE NULL END,
       CASE WHEN g % 4 = 1 THEN 'not precise enough' END,
       CASE WHEN g % 2 = 0 THEN 'web-2.3' END,
       timestamptz '2025-09-01 08:00:00+00' + g * interval '2 hours',
       timestamptz '2025-09-01 08:00:00+00' + g * interval '2 hours'
FROM generate_series(1, 300) AS g;
-- a turn saved with the backend's defaults only (no source, language, mode or status given)
INSERT INTO conversations (id, session_id, user_id, question, response)
VALUES ('30000000-0000-4000-8000-000000009999', '30000000-0000-4000-8000-000000009999',
        '40000000-0000-4000-8000-000000000001', 'Default-only question?', 'Default-only answer.');

INSERT INTO feedback (conversation_id, user_id, rating, comment, feedback_type, user_agent, ip_address, created_at)
SELECT id, user_id, CASE WHEN feedback = '-1' THEN -1 ELSE 1 END,
       feedback_comment, CASE WHEN feedback = '-1' THEN 'accuracy' ELSE 'quality' END,
       'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)', inet '203.0.113.7', created_at + interval '1 minute'
FROM conversations WHERE feedback IS NOT NULL;
-- a feedback row without a conversation or rating, which the original allowed
INSERT INTO feedback (user_id, comment, feedback_type, ip_address)
VALUES ('40000000-0000-4000-8000-000000000002', 'General remark', 'relevance', inet '2001:db8::1');

INSERT INTO invitations (id, inviter_email, inviter_name, inviter_user_id, invited_email, invited_name, status, token,
                         invitation_code, expires_at, accepted_at, created_at)
VALUES
  ('50000000-0000-4000-8000-000000000001', 'marie@farm.example', 'Marie Dubois',
   '40000000-0000-4000-8000-000000000001', 'paul@farm.example', 'Paul', 'accepted', 'legacy-token-accepted-0001',
   'INV-0001', now() + interval '3 days', now() - interval '2 days', now() - interval '5 days'),
  ('50000000-0000-4000-8000-000000000002', 'marie@farm.example', 'Marie Dubois',
   '40000000-0000-4000-8000-000000000001', 'lea@farm.example', NULL, 'pending', 'legacy-token-pending-0002',
   'INV-0002', now() + interval '6 days', NULL, now() - interval '1 day'),
  ('50000000-0000-4000-8000-000000000003', 'jean@coop.example', 'Jean Martin', NULL,
   'anne@coop.example', 'Anne', 'pending', 'legacy-token-pending-0003', NULL,
   now() + interval '6 days', NULL, now() - interval '1 day'),
  ('50000000-0000-4000-8000-000000000004', 'jean@coop.example', 'Jean Martin', NULL,
   'luc@coop.example', NULL, 'pending', 'legacy-token-expired-0004', NULL,
   now() - interval '1 day', NULL, now() - interval '9 days'),
  ('50000000-0000-4000-8000-000000000005', 'jean@coop.example', 'Jean Martin', NULL,
   'eve@coop.example', NULL, 'accepted', 'legacy-token-accepted-0005', NULL,
   now() + interval '1 day', now() - interval '3 days', now() - interval '6 days'),
  ('50000000-0000-4000-8000-000000000006', 'sam@farm.example', NULL, NULL,
   'anne@coop.example', NULL, 'pending', 'legacy-token-pending-0006', NULL,
   now() + interval '6 days', NULL, now() - interval '1 day'),
  ('50000000-0000-4000-8000-000000000007', 'marie@farm.example', 'Marie Dubois',
   '40000000-0000-4000-8000-000000000001', 'old@farm.example', NULL, 'expired', 'legacy-token-expired-0007', NULL,
   now() - interval '20 days', NULL, now() - interval '30 days'),
  ('50000000-0000-4000-8000-000000000008', 'marie@farm.example', 'Marie Dubois',
   '40000000-0000-4000-8000-000000000001', 'gone@farm.example', NULL, 'cancelled', 'legacy-token-cancelled-0008', NULL,
   now() + interval '2 days', NULL, now() - interval '2 days');

-- What the original's nullable columns allowed: a turn saved with status and message_count NULL, and two remarks of
-- one user outside any conversation.
INSERT INTO conversations (id, session_id, user_id, question, response, status, message_count, created_at, updated_at)
VALUES ('30000000-0000-4000-8000-000000008888', '30000000-0000-4000-8000-000000008888',
        '40000000-0000-4000-8000-000000000002', 'A turn without status?', 'Kept.', NULL, NULL,
        timestamptz '2025-10-01 09:00:00+00', timestamptz '2025-10-02 09:00:00+00');
INSERT INTO feedback (user_id, comment, feedback_type)
VALUES ('40000000-0000-4000-8000-000000000005', 'First remark', 'quality'),
       ('40000000-0000-4000-8000-000000000005', 'Second remark', 'quality');
