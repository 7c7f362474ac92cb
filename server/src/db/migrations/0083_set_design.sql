-- Set designs (seed 003): base images per subject x shot type, reference images per shot type,
-- subject portraits; ZIP uploads of base images processed in the background; completion requests.
CREATE TABLE set_design (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(255) NOT NULL,
  description text,
  owner_id uuid NOT NULL REFERENCES person (id),
  organization_id uuid REFERENCES organization (id),
  background_preset_id uuid REFERENCES background_preset (id) ON DELETE SET NULL
);
CREATE INDEX set_design_owner_idx ON set_design (owner_id, created_at);
CREATE INDEX set_design_organization_idx ON set_design (organization_id, created_at);
SELECT add_touch_trigger('set_design'::regclass);

CREATE TABLE set_base_image (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  set_design_id uuid NOT NULL REFERENCES set_design (id) ON DELETE CASCADE,
  subject_id uuid NOT NULL REFERENCES subject (id) ON DELETE CASCADE,
  shot_type_id uuid NOT NULL REFERENCES shot_type (id) ON DELETE CASCADE,
  -- The URL the image was given by, when it was given by one.
  image_url text,
  image_media_id uuid REFERENCES media_resource (id) ON DELETE SET NULL,
  CONSTRAINT set_base_image_slot_key UNIQUE (set_design_id, subject_id, shot_type_id)
);
CREATE INDEX set_base_image_media_idx ON set_base_image (image_media_id);
SELECT add_touch_trigger('set_base_image'::regclass);

CREATE TABLE set_reference_image (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  set_design_id uuid NOT NULL REFERENCES set_design (id) ON DELETE CASCADE,
  shot_type_id uuid NOT NULL REFERENCES shot_type (id) ON DELETE CASCADE,
  label varchar(255),
  image_url text,
  image_media_id uuid REFERENCES media_resource (id) ON DELETE SET NULL,
  -- Order of the list as the client gave it.
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX set_reference_image_design_idx ON set_reference_image (set_design_id, position);
SELECT add_touch_trigger('set_reference_image'::regclass);

CREATE TABLE subject_portrait (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  set_design_id uuid NOT NULL REFERENCES set_design (id) ON DELETE CASCADE,
  subject_id uuid NOT NULL REFERENCES subject (id) ON DELETE CASCADE,
  image_media_id uuid REFERENCES media_resource (id) ON DELETE SET NULL,
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX subject_portrait_design_idx ON subject_portrait (set_design_id, position);
SELECT add_touch_trigger('subject_portrait'::regclass);

-- One uploaded ZIP of base images for a set design and subject; its progress moves as the job runs.
CREATE TABLE set_design_upload_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  owner_id uuid NOT NULL REFERENCES person (id),
  set_design_id uuid NOT NULL REFERENCES set_design (id) ON DELETE CASCADE,
  subject_id uuid NOT NULL REFERENCES subject (id) ON DELETE CASCADE,
  status varchar(20) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  total_items integer NOT NULL DEFAULT 0,
  processed_items integer NOT NULL DEFAULT 0,
  images_processed integer NOT NULL DEFAULT 0,
  images_skipped integer NOT NULL DEFAULT 0,
  error_message text,
  started_at timestamp,
  completed_at timestamp,
  result_data jsonb,
  -- The uploaded archive in storage, removed once processed.
  archive_key varchar(512) NOT NULL
);
CREATE INDEX set_design_upload_task_latest_idx ON set_design_upload_task (set_design_id, subject_id, created_at DESC);
SELECT add_touch_trigger('set_design_upload_task'::regclass);

-- In-app notifications of set-design events (completion requests) for organization admins.
CREATE TABLE set_design_notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  recipient_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  set_design_id uuid NOT NULL REFERENCES set_design (id) ON DELETE CASCADE,
  requested_by uuid REFERENCES person (id) ON DELETE SET NULL,
  kind varchar(40) NOT NULL CHECK (kind IN ('completion_request')),
  message text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  read_at timestamp
);
CREATE INDEX set_design_notification_recipient_idx ON set_design_notification (recipient_id, created_at DESC);
