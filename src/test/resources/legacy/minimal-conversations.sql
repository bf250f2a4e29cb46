-- A conversations table created by hand before this service: the core columns only, none of the
-- optional ones, no feedback or invitations table, no view.
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id varchar(255) NOT NULL,
  user_id uuid NOT NULL,
  question text NOT NULL,
  response text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
