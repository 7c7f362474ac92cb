-- Core production-tracking model. Column names follow Zou's so that rows serialise to the
-- shapes Gazu expects without renaming. Times are UTC, stored without time zone (Zou's convention).

CREATE FUNCTION utc_now() RETURNS timestamp LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'utc') $$;

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := utc_now();
  RETURN NEW;
END $$;

-- Adds the updated_at trigger to a table; called once per table below.
CREATE FUNCTION add_touch_trigger(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER touch_updated_at BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION touch_updated_at()', tbl);
END $$;

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL UNIQUE,
  hours_by_day double precision NOT NULL DEFAULT 8,
  has_avatar boolean NOT NULL DEFAULT false,
  use_original_file_name boolean NOT NULL DEFAULT false,
  timesheets_locked boolean NOT NULL DEFAULT false,
  format_duration_in_hours boolean NOT NULL DEFAULT false,
  hd_by_default boolean NOT NULL DEFAULT false,
  dark_theme_by_default boolean NOT NULL DEFAULT false,
  chat_token_slack varchar(80) NOT NULL DEFAULT '',
  chat_webhook_mattermost varchar(80) NOT NULL DEFAULT '',
  chat_token_discord varchar(80) NOT NULL DEFAULT ''
);

CREATE TABLE studio (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL UNIQUE,
  color varchar(7) NOT NULL,
  archived boolean NOT NULL DEFAULT false
);

CREATE TABLE department (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL UNIQUE,
  color varchar(7) NOT NULL,
  archived boolean NOT NULL DEFAULT false
);

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  first_name varchar(80) NOT NULL,
  last_name varchar(80) NOT NULL DEFAULT '',
  email varchar(255),
  phone varchar(30),
  country varchar(2),
  contract_type varchar(20) NOT NULL DEFAULT 'open-ended'
    CHECK (contract_type IN ('open-ended', 'fixed-term', 'short-term', 'freelance', 'apprentice', 'internship')),
  active boolean NOT NULL DEFAULT true,
  archived boolean NOT NULL DEFAULT false,
  last_presence date,
  password text,
  desktop_login varchar(80),
  login_failed_attemps integer NOT NULL DEFAULT 0,
  last_login_failed timestamp,
  totp_enabled boolean NOT NULL DEFAULT false,
  email_otp_enabled boolean NOT NULL DEFAULT false,
  fido_enabled boolean NOT NULL DEFAULT false,
  preferred_two_factor_authentication varchar(20)
    CHECK (preferred_two_factor_authentication IN ('totp', 'email_otp', 'fido')),
  shotgun_id integer UNIQUE,
  timezone varchar(50) NOT NULL DEFAULT 'Europe/Paris',
  locale varchar(10) NOT NULL DEFAULT 'en_US',
  use_12_hour_clock boolean NOT NULL DEFAULT false,
  display_date_format varchar(10) NOT NULL DEFAULT 'YYYY-MM-DD'
    CHECK (display_date_format IN ('YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY')),
  data jsonb,
  role varchar(20) NOT NULL DEFAULT 'user'
    CHECK (role IN ('user', 'admin', 'supervisor', 'manager', 'client', 'vendor')),
  position varchar(20) DEFAULT 'artist' CHECK (position IN ('supervisor', 'lead', 'artist')),
  seniority varchar(20) DEFAULT 'mid' CHECK (seniority IN ('senior', 'mid', 'junior')),
  daily_salary integer NOT NULL DEFAULT 0,
  has_avatar boolean NOT NULL DEFAULT false,
  notifications_enabled boolean NOT NULL DEFAULT false,
  notifications_slack_enabled boolean NOT NULL DEFAULT false,
  notifications_slack_userid varchar(60) NOT NULL DEFAULT '',
  notifications_mattermost_enabled boolean NOT NULL DEFAULT false,
  notifications_mattermost_userid varchar(60) NOT NULL DEFAULT '',
  notifications_discord_enabled boolean NOT NULL DEFAULT false,
  notifications_discord_userid varchar(60) NOT NULL DEFAULT '',
  is_bot boolean NOT NULL DEFAULT false,
  is_guest boolean NOT NULL DEFAULT false,
  jti varchar(60) UNIQUE,
  expiration_date date,
  is_generated_from_ldap boolean NOT NULL DEFAULT false,
  ldap_uid varchar(60) UNIQUE,
  studio_id uuid REFERENCES studio (id)
);
-- Emails are unique among humans; bots may share one (Zou §1.4).
CREATE UNIQUE INDEX person_email_human_key ON person (lower(email)) WHERE NOT is_bot AND email IS NOT NULL;
CREATE INDEX person_desktop_login_idx ON person (desktop_login);

CREATE TABLE department_link (
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, department_id)
);
CREATE INDEX department_link_department_idx ON department_link (department_id);

CREATE TABLE project_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(20) NOT NULL UNIQUE,
  color varchar(7) NOT NULL
);

CREATE TABLE project (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL UNIQUE,
  code varchar(80),
  description text,
  shotgun_id integer,
  file_tree jsonb,
  data jsonb,
  has_avatar boolean NOT NULL DEFAULT false,
  fps varchar(10) DEFAULT '25',
  ratio varchar(10) DEFAULT '16:9',
  resolution varchar(12) DEFAULT '1920x1080' CHECK (resolution IS NULL OR resolution ~ '^[0-9]+x[0-9]+$'),
  production_type varchar(20) DEFAULT 'short',
  production_style varchar(20) NOT NULL DEFAULT '2d3d'
    CHECK (production_style IN ('2d', '2dpaper', '3d', '2d3d', 'ar', 'vfx', 'stop-motion', 'motion-design',
      'archviz', 'commercial', 'catalog', 'immersive', 'nft', 'video-game', 'vr')),
  start_date date,
  end_date date,
  man_days integer,
  nb_episodes integer NOT NULL DEFAULT 0,
  episode_span integer NOT NULL DEFAULT 0,
  max_retakes integer NOT NULL DEFAULT 0,
  is_clients_isolated boolean NOT NULL DEFAULT false,
  is_preview_download_allowed boolean NOT NULL DEFAULT false,
  is_set_preview_automated boolean NOT NULL DEFAULT false,
  is_publish_default_for_artists boolean NOT NULL DEFAULT false,
  is_bot_collaboration_enabled boolean NOT NULL DEFAULT false,
  is_single_preview_per_revision boolean NOT NULL DEFAULT false,
  is_frame_in_numbering boolean NOT NULL DEFAULT false,
  revision_padding integer NOT NULL DEFAULT 0,
  homepage varchar(80) DEFAULT 'assets',
  hd_bitrate_compression integer DEFAULT 28,
  ld_bitrate_compression integer DEFAULT 6,
  project_status_id uuid REFERENCES project_status (id),
  default_preview_background_file_id uuid,
  from_schedule_version_id uuid
);
CREATE INDEX project_status_idx ON project (project_status_id);

CREATE TABLE project_person_link (
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  role varchar(20) CHECK (role IN ('user', 'supervisor', 'manager', 'client', 'vendor')),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  PRIMARY KEY (project_id, person_id)
);
CREATE INDEX project_person_link_person_idx ON project_person_link (person_id);

CREATE TABLE entity_type (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(30) NOT NULL,
  short_name varchar(20),
  description text,
  archived boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX entity_type_name_key ON entity_type (lower(name));

CREATE TABLE project_asset_type_link (
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  asset_type_id uuid NOT NULL REFERENCES entity_type (id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, asset_type_id)
);

CREATE TABLE task_type (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(40) NOT NULL,
  short_name varchar(20),
  description text,
  color varchar(7) NOT NULL DEFAULT '#FFFFFF',
  priority integer DEFAULT 1,
  for_entity varchar(30) NOT NULL DEFAULT 'Asset'
    CHECK (for_entity IN ('Asset', 'Shot', 'Sequence', 'Episode', 'Edit', 'Concept', 'Scene')),
  allow_timelog boolean NOT NULL DEFAULT true,
  archived boolean NOT NULL DEFAULT false,
  shotgun_id integer,
  department_id uuid REFERENCES department (id)
);
CREATE UNIQUE INDEX task_type_uniq ON task_type (name, for_entity, coalesce(department_id, '00000000-0000-0000-0000-000000000000'));

-- Task types relevant to an asset type (its workflow); empty means all.
CREATE TABLE entity_type_task_type_link (
  entity_type_id uuid NOT NULL REFERENCES entity_type (id) ON DELETE CASCADE,
  task_type_id uuid NOT NULL REFERENCES task_type (id) ON DELETE CASCADE,
  PRIMARY KEY (entity_type_id, task_type_id)
);

CREATE TABLE project_task_type_link (
  id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  task_type_id uuid NOT NULL REFERENCES task_type (id) ON DELETE CASCADE,
  priority integer,
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  PRIMARY KEY (project_id, task_type_id)
);
CREATE INDEX project_task_type_link_task_type_idx ON project_task_type_link (task_type_id);

-- One status model for both worlds: global statuses (Zou's, looked up by short name by Gazu; the five
-- "system" ones carry the seed-001 ids in system_key) and per-project custom statuses (project_id set).
CREATE TABLE task_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(40) NOT NULL,
  short_name varchar(10) NOT NULL,
  color varchar(7) NOT NULL,
  description text,
  priority integer DEFAULT 1,
  is_done boolean NOT NULL DEFAULT false,
  is_artist_allowed boolean NOT NULL DEFAULT true,
  is_client_allowed boolean NOT NULL DEFAULT true,
  is_retake boolean NOT NULL DEFAULT false,
  is_feedback_request boolean NOT NULL DEFAULT false,
  is_default boolean NOT NULL DEFAULT false,
  is_wip boolean NOT NULL DEFAULT false,
  for_concept boolean NOT NULL DEFAULT false,
  archived boolean NOT NULL DEFAULT false,
  shotgun_id integer,
  system_key varchar(20) UNIQUE,
  project_id uuid REFERENCES project (id) ON DELETE CASCADE,
  sort_order integer NOT NULL DEFAULT 0
);
-- Short names identify global statuses; custom statuses only need them unique inside their project.
CREATE UNIQUE INDEX task_status_short_name_global_key ON task_status (lower(short_name)) WHERE project_id IS NULL;
CREATE UNIQUE INDEX task_status_short_name_project_key ON task_status (project_id, lower(short_name)) WHERE project_id IS NOT NULL;
-- At most one global default (non-concept) status.
CREATE UNIQUE INDEX task_status_one_default ON task_status ((true)) WHERE is_default AND NOT for_concept AND project_id IS NULL;

CREATE TABLE project_task_status_link (
  id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  task_status_id uuid NOT NULL REFERENCES task_status (id) ON DELETE CASCADE,
  priority integer,
  roles_for_board jsonb NOT NULL DEFAULT '["user","admin","supervisor","manager","vendor"]',
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  PRIMARY KEY (project_id, task_status_id)
);

CREATE TABLE entity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(160) NOT NULL,
  code varchar(160),
  description text,
  shotgun_id integer,
  canceled boolean NOT NULL DEFAULT false,
  nb_frames integer,
  nb_entities_out integer NOT NULL DEFAULT 0,
  is_casting_standby boolean NOT NULL DEFAULT false,
  is_shared boolean NOT NULL DEFAULT false,
  status varchar(20) NOT NULL DEFAULT 'running' CHECK (status IN ('standby', 'running', 'complete', 'canceled')),
  project_id uuid NOT NULL REFERENCES project (id),
  entity_type_id uuid NOT NULL REFERENCES entity_type (id),
  parent_id uuid REFERENCES entity (id),
  source_id uuid REFERENCES entity (id),
  preview_file_id uuid,
  data jsonb,
  ready_for uuid REFERENCES task_type (id),
  created_by uuid REFERENCES person (id)
);
-- Zou's unique key; NULLS NOT DISTINCT would forbid same-named assets, which Zou allows, so it is kept as is.
CREATE UNIQUE INDEX entity_uniq ON entity (name, project_id, entity_type_id, parent_id);
CREATE INDEX entity_project_type_idx ON entity (project_id, entity_type_id);
CREATE INDEX entity_parent_idx ON entity (parent_id);
CREATE INDEX entity_source_idx ON entity (source_id);

-- Casting: asset (entity_out) cast into a shot/episode/asset (entity_in).
CREATE TABLE entity_link (
  id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  entity_in_id uuid NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
  entity_out_id uuid NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
  nb_occurences integer NOT NULL DEFAULT 1,
  label varchar(80) DEFAULT '',
  data jsonb,
  PRIMARY KEY (entity_in_id, entity_out_id)
);
CREATE INDEX entity_link_out_idx ON entity_link (entity_out_id);

CREATE TABLE task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL DEFAULT 'main',
  description text,
  priority integer NOT NULL DEFAULT 0,
  difficulty integer NOT NULL DEFAULT 3 CHECK (difficulty BETWEEN 1 AND 5),
  duration double precision NOT NULL DEFAULT 0,
  estimation double precision NOT NULL DEFAULT 0,
  completion_rate integer NOT NULL DEFAULT 0,
  retake_count integer NOT NULL DEFAULT 0,
  sort_order integer NOT NULL DEFAULT 0,
  start_date timestamp,
  due_date timestamp,
  real_start_date timestamp,
  end_date timestamp,
  done_date timestamp,
  last_comment_date timestamp,
  nb_assets_ready integer NOT NULL DEFAULT 0,
  nb_drawings integer NOT NULL DEFAULT 0,
  data jsonb,
  shotgun_id integer,
  last_preview_file_id uuid,
  project_id uuid NOT NULL REFERENCES project (id),
  task_type_id uuid NOT NULL REFERENCES task_type (id),
  task_status_id uuid NOT NULL REFERENCES task_status (id),
  entity_id uuid NOT NULL REFERENCES entity (id),
  assigner_id uuid REFERENCES person (id),
  created_by uuid REFERENCES person (id)
);
CREATE UNIQUE INDEX task_uniq ON task (name, project_id, task_type_id, entity_id);
CREATE INDEX task_entity_idx ON task (entity_id, task_type_id);
CREATE INDEX task_project_type_status_idx ON task (project_id, task_type_id, task_status_id);
CREATE INDEX task_status_idx ON task (task_status_id);

CREATE TABLE assignations (
  task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, person_id)
);
CREATE INDEX assignations_person_idx ON assignations (person_id, task_id);

CREATE TABLE preview_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(250),
  original_name varchar(250),
  revision integer NOT NULL DEFAULT 1,
  position integer NOT NULL DEFAULT 1,
  extension varchar(6),
  description text,
  path varchar(400),
  source varchar(40),
  file_size bigint NOT NULL DEFAULT 0,
  status varchar(20) NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'ready', 'broken', 'missing')),
  validation_status varchar(20) NOT NULL DEFAULT 'neutral' CHECK (validation_status IN ('validated', 'rejected', 'neutral')),
  annotations jsonb,
  width integer DEFAULT 0,
  height integer DEFAULT 0,
  duration double precision DEFAULT 0,
  data jsonb,
  token_in integer,
  token_out integer,
  is_movie boolean NOT NULL DEFAULT false,
  url varchar(600),
  uploaded_movie_url varchar(600),
  uploaded_movie_name varchar(150),
  shotgun_id integer UNIQUE,
  task_id uuid REFERENCES task (id),
  person_id uuid REFERENCES person (id),
  source_file_id uuid
);
CREATE UNIQUE INDEX preview_file_uniq ON preview_file (name, task_id, revision);
CREATE INDEX preview_file_task_idx ON preview_file (task_id);

CREATE TABLE comment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  shotgun_id integer,
  object_id uuid NOT NULL,
  object_type varchar(80) NOT NULL DEFAULT 'Task',
  text text,
  data jsonb,
  replies jsonb NOT NULL DEFAULT '[]',
  checklist jsonb,
  pinned boolean,
  for_client boolean NOT NULL DEFAULT false,
  links jsonb NOT NULL DEFAULT '[]',
  task_status_id uuid REFERENCES task_status (id),
  person_id uuid NOT NULL REFERENCES person (id),
  editor_id uuid REFERENCES person (id),
  preview_file_id uuid REFERENCES preview_file (id)
);
CREATE INDEX comment_object_idx ON comment (object_id, created_at DESC);
CREATE INDEX comment_person_idx ON comment (person_id);

CREATE TABLE comment_mentions (
  comment_id uuid NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  PRIMARY KEY (comment_id, person_id)
);
CREATE TABLE comment_department_mentions (
  comment_id uuid NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
  department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
  PRIMARY KEY (comment_id, department_id)
);
CREATE TABLE comment_acknoledgments (
  comment_id uuid NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  PRIMARY KEY (comment_id, person_id)
);
CREATE TABLE comment_preview_link (
  comment_id uuid NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
  preview_file_id uuid NOT NULL REFERENCES preview_file (id) ON DELETE CASCADE,
  PRIMARY KEY (comment_id, preview_file_id)
);
CREATE INDEX comment_preview_link_preview_idx ON comment_preview_link (preview_file_id);

CREATE TABLE attachment_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(250),
  size bigint,
  extension varchar(6),
  mimetype varchar(255),
  comment_id uuid REFERENCES comment (id),
  reply_id varchar(36),
  chat_message_id uuid
);
CREATE INDEX attachment_file_comment_idx ON attachment_file (comment_id);

CREATE TABLE time_spent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  duration double precision NOT NULL CHECK (duration > 0),
  date date NOT NULL,
  task_id uuid NOT NULL REFERENCES task (id),
  person_id uuid NOT NULL REFERENCES person (id),
  UNIQUE (person_id, task_id, date)
);
CREATE INDEX time_spent_task_idx ON time_spent (task_id);
CREATE INDEX time_spent_person_date_idx ON time_spent (person_id, date);

CREATE TABLE output_type (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(40) NOT NULL UNIQUE,
  short_name varchar(20) NOT NULL
);

CREATE TABLE software (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(40) NOT NULL UNIQUE,
  short_name varchar(20) NOT NULL,
  file_extension varchar(20) NOT NULL,
  version varchar(20),
  secondary_extensions jsonb,
  archived boolean NOT NULL DEFAULT false,
  monthly_cost integer DEFAULT 0,
  inventory_amount integer DEFAULT 0
);

CREATE TABLE file_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(40) NOT NULL UNIQUE,
  color varchar(7) NOT NULL
);

CREATE TABLE working_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  shotgun_id integer,
  name varchar(250),
  description text,
  comment text,
  revision integer,
  size integer,
  checksum integer,
  path varchar(400),
  data jsonb,
  task_id uuid REFERENCES task (id),
  entity_id uuid REFERENCES entity (id),
  person_id uuid REFERENCES person (id),
  software_id uuid REFERENCES software (id)
);
CREATE UNIQUE INDEX working_file_uniq ON working_file (name, task_id, entity_id, revision);
CREATE INDEX working_file_task_idx ON working_file (task_id);

CREATE TABLE output_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  shotgun_id integer,
  name varchar(250) NOT NULL,
  canceled boolean NOT NULL DEFAULT false,
  size integer,
  checksum varchar(32),
  description text,
  comment text,
  extension varchar(10),
  revision integer NOT NULL,
  representation varchar(20),
  nb_elements integer DEFAULT 1,
  source varchar(40),
  path varchar(400),
  data jsonb,
  file_status_id uuid NOT NULL REFERENCES file_status (id),
  entity_id uuid REFERENCES entity (id),
  asset_instance_id uuid,
  output_type_id uuid REFERENCES output_type (id),
  task_type_id uuid REFERENCES task_type (id),
  person_id uuid REFERENCES person (id),
  source_file_id uuid REFERENCES working_file (id),
  temporal_entity_id uuid REFERENCES entity (id)
);
CREATE UNIQUE INDEX output_file_uniq ON output_file (name, entity_id, asset_instance_id, output_type_id, task_type_id,
  temporal_entity_id, representation, revision);
CREATE INDEX output_file_entity_idx ON output_file (entity_id);

CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  read boolean NOT NULL DEFAULT false,
  change boolean NOT NULL DEFAULT false,
  type varchar(20) NOT NULL CHECK (type IN ('comment', 'mention', 'assignation', 'reply', 'reply-mention', 'playlist-ready')),
  person_id uuid NOT NULL REFERENCES person (id),
  author_id uuid NOT NULL REFERENCES person (id),
  comment_id uuid REFERENCES comment (id),
  task_id uuid REFERENCES task (id),
  playlist_id uuid,
  reply_id varchar(36)
);
CREATE UNIQUE INDEX notification_uniq ON notification (person_id, author_id, comment_id, reply_id, playlist_id, type);
CREATE INDEX notification_person_idx ON notification (person_id, created_at DESC);
CREATE INDEX notification_comment_idx ON notification (comment_id);
CREATE INDEX notification_task_idx ON notification (task_id);

CREATE TABLE subscription (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  person_id uuid NOT NULL REFERENCES person (id),
  task_id uuid REFERENCES task (id),
  entity_id uuid REFERENCES entity (id),
  task_type_id uuid REFERENCES task_type (id)
);
CREATE UNIQUE INDEX subscription_task_key ON subscription (person_id, task_id) WHERE task_id IS NOT NULL;
CREATE UNIQUE INDEX subscription_sequence_key ON subscription (person_id, task_type_id, entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX subscription_task_idx ON subscription (task_id);

CREATE TABLE news (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  change boolean NOT NULL DEFAULT false,
  author_id uuid NOT NULL REFERENCES person (id),
  comment_id uuid REFERENCES comment (id),
  task_id uuid NOT NULL REFERENCES task (id),
  preview_file_id uuid REFERENCES preview_file (id)
);
CREATE INDEX news_task_idx ON news (task_id);
CREATE INDEX news_comment_idx ON news (comment_id);

CREATE TABLE day_off (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  date date NOT NULL,
  end_date date NOT NULL,
  description text,
  person_id uuid NOT NULL REFERENCES person (id),
  CHECK (date <= end_date),
  UNIQUE (person_id, date)
);

CREATE TABLE milestone (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  date date,
  name varchar(40) NOT NULL,
  project_id uuid NOT NULL REFERENCES project (id),
  task_type_id uuid REFERENCES task_type (id)
);

CREATE TABLE schedule_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  start_date date,
  end_date date,
  man_days integer,
  project_id uuid NOT NULL REFERENCES project (id),
  task_type_id uuid REFERENCES task_type (id),
  object_id uuid
);
CREATE UNIQUE INDEX schedule_item_uniq ON schedule_item (project_id, task_type_id, object_id) NULLS NOT DISTINCT;

CREATE TABLE metadata_descriptor (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  project_id uuid NOT NULL REFERENCES project (id),
  entity_type varchar(60) NOT NULL,
  task_type_id uuid REFERENCES task_type (id),
  name varchar(120) NOT NULL,
  field_name varchar(120) NOT NULL,
  data_type varchar(20) NOT NULL DEFAULT 'string'
    CHECK (data_type IN ('string', 'number', 'list', 'taglist', 'boolean', 'checklist', 'date', 'url', 'textarea', 'person')),
  choices jsonb,
  for_client boolean NOT NULL DEFAULT false,
  position integer
);
CREATE UNIQUE INDEX metadata_descriptor_name_key ON metadata_descriptor (project_id, entity_type, task_type_id, name) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX metadata_descriptor_field_key ON metadata_descriptor (project_id, entity_type, task_type_id, field_name) NULLS NOT DISTINCT;

CREATE TABLE metadata_descriptor_department_link (
  metadata_descriptor_id uuid NOT NULL REFERENCES metadata_descriptor (id) ON DELETE CASCADE,
  department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
  PRIMARY KEY (metadata_descriptor_id, department_id)
);

-- The persisted event log (Zou's api_event): every mutation, for the event feed and webhooks.
CREATE TABLE api_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL,
  user_id uuid,
  project_id uuid,
  data jsonb
);
CREATE INDEX api_event_created_idx ON api_event (created_at DESC);
CREATE INDEX api_event_project_idx ON api_event (project_id, created_at DESC);

-- Audit trail: who changed what, with before/after, written in the mutation's transaction.
CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  created_at timestamp NOT NULL DEFAULT utc_now(),
  actor_id uuid,
  action varchar(80) NOT NULL,
  object_type varchar(60) NOT NULL,
  object_id uuid,
  project_id uuid,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_event_object_idx ON audit_event (object_type, object_id, created_at);
CREATE INDEX audit_event_project_idx ON audit_event (project_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organisation', 'studio', 'department', 'person', 'project_status', 'project', 'entity_type',
    'task_type', 'project_task_type_link', 'task_status', 'project_task_status_link', 'entity', 'entity_link', 'task',
    'preview_file', 'comment', 'attachment_file', 'time_spent', 'output_type', 'software', 'file_status', 'working_file',
    'output_file', 'notification', 'subscription', 'news', 'day_off', 'milestone', 'schedule_item', 'metadata_descriptor',
    'api_event']
  LOOP
    PERFORM add_touch_trigger(t::regclass);
  END LOOP;
END $$;
