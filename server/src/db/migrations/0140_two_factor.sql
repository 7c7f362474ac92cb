-- Two-factor authentication (§1.5). The secrets live in tables of their own rather than on `person`:
-- person rows are serialised in several places (CRUD, presenters, to_jsonb in task lists), and a
-- column that is never on the row cannot leak by someone forgetting to strip it.
CREATE TABLE person_two_factor (
  person_id uuid PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  -- Base32 TOTP secret in use (set once a code from the authenticator app has been verified).
  totp_secret varchar(64),
  -- Secret handed out by PUT auth/totp and not yet confirmed by POST auth/totp.
  totp_pending_secret varchar(64),
  totp_pending_at timestamp,
  -- Highest time step (unix time / 30) a code was accepted for: a code is never accepted twice.
  totp_last_step integer,
  updated_at timestamp NOT NULL DEFAULT utc_now()
);

-- Recovery codes, hashed (scrypt, one salt per generated set), each usable once.
CREATE TABLE person_recovery_code (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  code_hash varchar(200) NOT NULL,
  used_at timestamp,
  created_at timestamp NOT NULL DEFAULT utc_now()
);
CREATE INDEX person_recovery_code_person_idx ON person_recovery_code (person_id) WHERE used_at IS NULL;

SELECT add_touch_trigger('person_two_factor'::regclass);

-- The organisation-wide "everyone must set up 2FA" switch admins turn on from the People page.
ALTER TABLE organisation ADD COLUMN two_factor_authentication_required boolean NOT NULL DEFAULT false;
