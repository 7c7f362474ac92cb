-- Preview background files (#14): the environment images the web client's 3D/360 viewer shows behind
-- a preview (the image itself is uploaded separately), one of them the studio's default; and the
-- production settings that pick status automations and background files for a production (Zou's
-- project_status_automation_link and project_preview_background_file_link).

CREATE TABLE preview_background_file (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(40) NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  is_default boolean NOT NULL DEFAULT false,
  original_name varchar(250),
  extension varchar(6),
  file_size bigint DEFAULT 0
);
-- Zou checks the name in the route; here the constraint holds it even under concurrent writes.
CREATE UNIQUE INDEX preview_background_file_name_key ON preview_background_file (name);
-- At most one default: setting one unsets the others in the same transaction.
CREATE UNIQUE INDEX preview_background_file_one_default ON preview_background_file (is_default) WHERE is_default;
SELECT add_touch_trigger('preview_background_file'::regclass);

CREATE TABLE project_status_automation_link (
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  status_automation_id uuid NOT NULL REFERENCES status_automation (id),
  PRIMARY KEY (project_id, status_automation_id)
);
CREATE INDEX project_status_automation_link_automation_idx ON project_status_automation_link (status_automation_id);

CREATE TABLE project_preview_background_file_link (
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  preview_background_file_id uuid NOT NULL REFERENCES preview_background_file (id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, preview_background_file_id)
);
CREATE INDEX project_preview_background_file_link_file_idx ON project_preview_background_file_link (preview_background_file_id);
