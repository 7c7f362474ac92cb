-- Server-side sessions: every token carries a session id (its jti) and every request checks the row,
-- so logout, password change and deactivation end a session at once, in every server process.
CREATE TABLE auth_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  -- person: interactive login; bot / person_api: long-lived API token (one live token per person, §1.4).
  identity_type varchar(20) NOT NULL CHECK (identity_type IN ('person', 'bot', 'person_api')),
  origin varchar(20) NOT NULL DEFAULT 'script' CHECK (origin IN ('web', 'script')),
  expires_at timestamp,
  revoked_at timestamp,
  last_used_at timestamp
);
CREATE INDEX auth_session_person_idx ON auth_session (person_id) WHERE revoked_at IS NULL;

-- Failed-login counters per key ("account:<email>" or "ip:<address>"), shared by every server process.
CREATE TABLE login_throttle (
  key varchar(300) PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_started_at timestamp NOT NULL DEFAULT utc_now(),
  blocked_until timestamp
);

-- Instance-wide settings the server generates once (the JWT signing secret when none is configured).
CREATE TABLE server_setting (
  key varchar(80) PRIMARY KEY,
  value text NOT NULL,
  created_at timestamp NOT NULL DEFAULT utc_now()
);

CREATE TABLE login_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  ip_address varchar(64),
  origin varchar(20) NOT NULL
);
