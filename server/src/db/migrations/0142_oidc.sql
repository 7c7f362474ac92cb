-- OpenID Connect single sign-on (issue 12).

-- Who a provider account is here: the provider's issuer and its subject (the stable account id the
-- provider promises never to reassign), linked to one person. A person has at most one account per
-- provider, so a second provider account with the same e-mail cannot take over a linked person.
CREATE TABLE person_oidc_identity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  issuer varchar(500) NOT NULL,
  subject varchar(255) NOT NULL,
  -- The e-mail the provider gave at the last sign-in, for an admin reading the link (never matched on).
  last_email varchar(255),
  last_login_at timestamp NOT NULL DEFAULT utc_now(),
  CONSTRAINT person_oidc_identity_subject_key UNIQUE (issuer, subject),
  CONSTRAINT person_oidc_identity_person_key UNIQUE (person_id, issuer)
);
SELECT add_touch_trigger('person_oidc_identity'::regclass);

-- Sign-ins under way: what the callback must check (nonce, PKCE verifier) and where to go after it.
-- Keyed by a hash of the state, so a database read does not hand out usable states; a row is deleted
-- when its callback comes back, which makes every state single-use.
CREATE TABLE oidc_login_state (
  state_hash varchar(64) PRIMARY KEY,
  created_at timestamp NOT NULL DEFAULT utc_now(),
  expires_at timestamp NOT NULL,
  nonce varchar(128) NOT NULL,
  code_verifier varchar(128) NOT NULL,
  next_path varchar(2000) NOT NULL DEFAULT '/'
);
CREATE INDEX oidc_login_state_expires_idx ON oidc_login_state (expires_at);
