-- The database as the old setup script of the production guide built it: some optional columns,
-- feedback stored as text '1'/'-1', older feedback and invitations tables, trigger and view.
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id varchar(255) NOT NULL,
  user_id uuid NOT NULL,
  question text NOT NULL,
  response text,
  response_source varchar(50),
  response_confidence double precision,
  processing_time_ms integer,
  language varchar(10),
  feedback varchar(10),
  feedback_comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_conversations_user_id ON conversations (user_id);
CREATE INDEX idx_conversations_created_at ON conversations (created_at DESC);

CREATE TABLE feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  rating smallint NOT NULL,
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inviter_user_id uuid NOT NULL,
  inviter_email varchar(255),
  invited_email varchar(255) NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'pending',
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz
);

CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_conversations_updated_at BEFORE UPDATE ON conversations
  FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();

CREATE VIEW user_questions_complete AS
  SELECT id, user_id, question, response, feedback, created_at FROM conversations;

INSERT INTO conversations (id, session_id, user_id, question, response, response_source, response_confidence,
                           processing_time_ms, language, feedback, feedback_comment, created_at, updated_at)
SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
       'session-' || g,
       ('10000000-0000-4000-8000-' || lpad((g % 7)::text, 12, '0'))::uuid,
       'Question ' || g || ' about broiler feed conversion?',
       'Answer ' || g,
       CASE g % 3 WHEN 0 THEN 'rag' WHEN 1 THEN 'openai_fallback' ELSE NULL END,
       (g % 100) / 100.0,
       100 + g,
       CASE g % 2 WHEN 0 THEN 'fr' ELSE 'en' END,
       CASE g % 4 WHEN 0 THEN '1' WHEN 1 THEN '-1' WHEN 2 THEN NULL ELSE ' 1 ' END,
       CASE WHEN g % 4 = 1 THEN 'not precise enough' END,
       timestamptz '2025-06-01 00:00:00+00' + g * interval '1 hour',
       timestamptz '2025-06-01 00:00:00+00' + g * interval '1 hour'
FROM generate_series(1, 200) AS g;

INSERT INTO feedback (conversation_id, user_id, rating, comment)
SELECT id, user_id, CASE WHEN feedback = '-1' THEN -1 ELSE 1 END, feedback_comment
FROM conversations WHERE feedback IS NOT NULL;

INSERT INTO invitations (inviter_user_id, inviter_email, invited_email, status, accepted_at)
VALUES ('10000000-0000-4000-8000-000000000001', 'alice@example.com', 'bob@example.com', 'accepted', now()),
       ('10000000-0000-4000-8000-000000000001', 'alice@example.com', 'carol@example.com', 'pending', NULL);
