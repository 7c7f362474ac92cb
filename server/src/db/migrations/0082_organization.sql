-- Organizations group people who share set designs, subjects, shot types and background presets.
-- Not Zou's `organisation` (the one row of studio-wide settings): these are many, with members.
CREATE TABLE organization (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(255) NOT NULL,
  description text,
  created_by uuid REFERENCES person (id) ON DELETE SET NULL
);
SELECT add_touch_trigger('organization'::regclass);

CREATE TABLE organization_member (
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  role varchar(20) NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  PRIMARY KEY (organization_id, person_id)
);
CREATE INDEX organization_member_person_idx ON organization_member (person_id);
SELECT add_touch_trigger('organization_member'::regclass);

-- What set designs are made from. Each belongs to an owner and optionally an organization; an
-- organization cannot be deleted while it still holds any of them (foreign keys without cascade).
CREATE TABLE subject (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(255) NOT NULL,
  description text,
  owner_id uuid NOT NULL REFERENCES person (id),
  organization_id uuid REFERENCES organization (id)
);
CREATE INDEX subject_owner_idx ON subject (owner_id) WHERE organization_id IS NULL;
CREATE INDEX subject_organization_idx ON subject (organization_id);
SELECT add_touch_trigger('subject'::regclass);

CREATE TABLE shot_type (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(255) NOT NULL,
  -- Matched against image file names in uploaded ZIPs (front_full_body.jpg).
  slug varchar(100) NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_-]*$'),
  description text,
  owner_id uuid NOT NULL REFERENCES person (id),
  organization_id uuid REFERENCES organization (id)
);
-- A slug is unique within its organization, or among its owner's own shot types.
CREATE UNIQUE INDEX shot_type_organization_slug_key ON shot_type (organization_id, slug) WHERE organization_id IS NOT NULL;
CREATE UNIQUE INDEX shot_type_owner_slug_key ON shot_type (owner_id, slug) WHERE organization_id IS NULL;
SELECT add_touch_trigger('shot_type'::regclass);

CREATE TABLE background_preset (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(255) NOT NULL,
  description text,
  color varchar(7) CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  owner_id uuid NOT NULL REFERENCES person (id),
  organization_id uuid REFERENCES organization (id)
);
CREATE INDEX background_preset_owner_idx ON background_preset (owner_id) WHERE organization_id IS NULL;
CREATE INDEX background_preset_organization_idx ON background_preset (organization_id);
SELECT add_touch_trigger('background_preset'::regclass);
