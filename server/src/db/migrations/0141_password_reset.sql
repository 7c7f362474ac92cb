-- Single-use tokens e-mailed to a person: a password reset (valid 2 h) or an invitation to set a
-- password (valid 7 days). One row per person: issuing a token replaces the previous one (a newer
-- request supersedes older links) in one upsert, with no read-then-write race. Only the SHA-256
-- digest of the token is stored, so a database dump gives no usable link.
CREATE TABLE password_token (
  person_id uuid PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  kind varchar(20) NOT NULL CHECK (kind IN ('reset', 'invitation')),
  token_hash char(64) NOT NULL UNIQUE,
  created_at timestamp NOT NULL DEFAULT utc_now(),
  expires_at timestamp NOT NULL
);
