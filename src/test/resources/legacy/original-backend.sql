-- The production database as the original backend created it (its db_schema_postgresql.sql of 2025-10-11, plus
-- the index production_migration.sql added on 2025-10-10), written here from those facts, with rows shaped as that
-- backend wrote them: session_id uuid holding the chat, text columns with defaults, feedback as text '1'/'-1',
-- feedback rows with user agent and IP address, invitations with plain tokens, NULL inviter ids and every status.
-- One column nobody documented (client_version) stands for what a hand-patched production table may hold.
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL,
  user_id uuid NOT NULL,
  question text NOT NULL,
  response text NOT NULL,
  mode text DEFAULT 'broiler',
  sources jsonb DEFAULT '[]'::jsonb,
  response_source text DEFAULT 'rag',
  response_confidence float DEFAULT 0.85,
  processing_time_ms integer,
  title text,
  preview text,
  last_message_preview text,
  message_count integer DEFAULT 1,
  language text DEFAULT 'fr',
  status text DEFAULT 'active',
  feedback text,
  feedback_comment text,
  client_version text,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now()
);
CREATE INDEX idx_conversations_user_id ON conversations (user_id);
CREATE INDEX idx_conversations_session_id ON conversations (session_id);
CREATE INDEX idx_conversations_created_at ON conversations (created_at DESC);
CREATE INDEX idx_conversations_status ON conversations (status) WHERE status = 'active';
CREATE INDEX idx_conversations_user_status ON conversations (user_id, status, created_at DESC);
CREATE INDEX idx_conversations_stats ON conversations (user_id, created_at, status);

CREATE TABLE feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  rating integer CHECK (rating IN (-1, 1)),
  comment text,
  feedback_type text,
  user_agent text,
  ip_address inet,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX idx_feedback_conversation_id ON feedback (conversation_id);
CREATE INDEX idx_feedback_user_id ON feedback (user_id);
CREATE INDEX idx_feedback_created_at ON feedback (created_at DESC);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inviter_email text NOT NULL,
  inviter_name text,
  inviter_user_id uuid,
  invited_email text NOT NULL,
  invited_name text,
  status text DEFAULT 'pending',
  token text UNIQUE,
  invitation_code text,
  expires_at timestamptz,
  accepted_at timestamptz,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now()
);
CREATE INDEX idx_invitations_inviter_email ON invitations (inviter_email);
CREATE INDEX idx_invitations_invited_email ON invitations (invited_email);
CREATE INDEX idx_invitations_status ON invitations (status);
CREATE INDEX idx_invitations_token ON invitations (token);

CREATE VIEW user_questions_complete AS
  SELECT c.id::text AS id, c.session_id, c.user_id::text AS user_email, c.question, c.response AS response_text,
         c.response_source, c.response_confidence, COALESCE(c.processing_time_ms, 1000.0) AS processing_time_ms,
         COALESCE(c.language, 'fr') AS language, c.feedback, c.feedback_comment, c.created_at, c.updated_at
  FROM conversations c
  WHERE c.question IS NOT NULL AND c.response IS NOT NULL AND c.status = 'active';

CREATE FUNCTION update_updated_at_column() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER update_conversations_updated_at BEFORE UPDATE ON conversations
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_invitations_updated_at BEFORE UPDATE ON invitations
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE FUNCTION get_user_conversation_count(p_user_id uuid) RETURNS integer AS $$
BEGIN
  RETURN (SELECT count(*) FROM conversations WHERE user_id = p_user_id AND status = 'active');
END;
$$ LANGUAGE plpgsql;

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
