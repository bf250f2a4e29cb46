-- The production database as the original backend created it (its db_schema_postgresql.sql of 2025-10-11, plus
-- the index production_migration.sql added on 2025-10-10), written here from those facts: session_id uuid, text
-- columns with defaults, feedback as text, feedback rows with user agent and IP address, invitations with a plain
-- token. Rows as that backend wrote them: original-backend-rows.sql.
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

