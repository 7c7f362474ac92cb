-- Stored media (images today). The same bytes are stored once: content_hash (sha256, hex) is unique,
-- and every reference (set design images, presets) points at the one row.
CREATE TABLE media_resource (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  resource_type varchar(20) NOT NULL DEFAULT 'image' CHECK (resource_type IN ('image', 'video', 'audio', 'document')),
  -- Storage keys are made from the row id, never from a user's file name.
  storage_key varchar(512) NOT NULL,
  thumbnail_key varchar(512),
  content_hash char(64) NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  mime_type varchar(100) NOT NULL,
  extension varchar(10) NOT NULL,
  file_size bigint NOT NULL CHECK (file_size >= 0),
  width integer CHECK (width > 0),
  height integer CHECK (height > 0),
  aspect_ratio double precision,
  orientation varchar(20) CHECK (orientation IN ('landscape', 'portrait', 'square')),
  dominant_color varchar(7) CHECK (dominant_color ~ '^#[0-9a-f]{6}$'),
  color_profile varchar(40),
  duration double precision,
  alt_text text,
  caption text,
  protected boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES person (id) ON DELETE SET NULL,
  CONSTRAINT media_resource_content_hash_key UNIQUE (content_hash)
);
SELECT add_touch_trigger('media_resource'::regclass);
