-- Playlists (#15): the entities a review plays in order, each with the preview revision chosen for it,
-- and the movie builds made of them. Zou keeps the entries as a JSON column (`playlist.shots`); here
-- they are rows, so that deleting an entity drops its entries and deleting a preview only empties the
-- entry's choice, without any path having to remember playlists. The API still answers Zou's `shots`
-- list, built from these rows.

CREATE TABLE playlist (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL CHECK (length(btrim(name)) > 0),
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  -- NULL: a project-level playlist ("main pack", or "all" when is_for_all).
  episode_id uuid REFERENCES entity (id) ON DELETE CASCADE,
  task_type_id uuid REFERENCES task_type (id) ON DELETE SET NULL,
  for_client boolean NOT NULL DEFAULT false,
  for_entity varchar(10) NOT NULL DEFAULT 'shot' CHECK (for_entity IN ('shot', 'asset', 'sequence', 'edit', 'episode')),
  is_for_all boolean NOT NULL DEFAULT false,
  -- Dailies (Zou has no column for it; its web app goes by the name): a flag Gazu never sends.
  is_daily boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES person (id) ON DELETE SET NULL
);
-- Zou's (name, project, episode) constraint, with the project-level playlists (no episode) counted as
-- one group: Gazu's new_playlist looks a name up per project and would otherwise find either of two.
CREATE UNIQUE INDEX playlist_name_uniq ON playlist (project_id, coalesce(episode_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
CREATE INDEX playlist_episode_idx ON playlist (episode_id) WHERE episode_id IS NOT NULL;

CREATE TABLE playlist_entry (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  playlist_id uuid NOT NULL REFERENCES playlist (id) ON DELETE CASCADE,
  -- Order in the playlist, from 0; rewritten whole when entries move.
  position integer NOT NULL CHECK (position >= 0),
  entity_id uuid NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
  -- The revision to review; NULL when the entity had none, or the preview was deleted since.
  preview_file_id uuid REFERENCES preview_file (id) ON DELETE SET NULL,
  UNIQUE (playlist_id, position)
);
CREATE INDEX playlist_entry_entity_idx ON playlist_entry (entity_id);
CREATE INDEX playlist_entry_preview_idx ON playlist_entry (preview_file_id) WHERE preview_file_id IS NOT NULL;

-- One movie build of a playlist (Zou's build_job). The work itself is a job of the `job` queue; this
-- row is what clients poll: status, progress, the error in words, and where the movie is.
CREATE TABLE playlist_build_job (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  playlist_id uuid NOT NULL REFERENCES playlist (id) ON DELETE CASCADE,
  status varchar(20) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'failed', 'succeeded')),
  job_type varchar(20) NOT NULL DEFAULT 'movie' CHECK (job_type IN ('movie', 'archive')),
  -- 0 to 1: the share of the entries encoded so far (the last step, joining them, makes it 1).
  progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  error text,
  ended_at timestamp,
  file_size bigint,
  -- Seconds, of the built movie (ffprobe).
  duration real,
  created_by uuid REFERENCES person (id) ON DELETE SET NULL
);
CREATE INDEX playlist_build_job_playlist_idx ON playlist_build_job (playlist_id, created_at DESC);
-- One build at a time per playlist: a second request while one runs is refused (409), as in Zou.
CREATE UNIQUE INDEX playlist_build_job_running_uniq ON playlist_build_job (playlist_id) WHERE status = 'running';

-- A deleted build (or one gone with its playlist) leaves its movie to the storage cleanup job (0110).
CREATE TRIGGER playlist_build_job_stored_files AFTER DELETE ON playlist_build_job REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION queue_stored_files_cleanup('playlist_build_job', 'all');

SELECT add_touch_trigger('playlist'::regclass);
SELECT add_touch_trigger('playlist_build_job'::regclass);
