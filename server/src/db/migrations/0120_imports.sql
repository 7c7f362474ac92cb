-- Imports (issue 8): ShotGrid imports are idempotent by `shotgun_id`, which takes one unique key per
-- imported table, and entries that cannot be imported are kept in `data_import_error` (Zou's model).

-- ShotGrid ids are unique per ShotGrid entity type, not across them (Shot 12 and Asset 12 both exist):
-- an entity is keyed by its entity type and ShotGrid id, as Zou looks them up. An asset whose asset type
-- changed in ShotGrid is moved to its new type before the upsert, so it keeps one row.
CREATE UNIQUE INDEX entity_shotgun_key ON entity (entity_type_id, shotgun_id);

CREATE UNIQUE INDEX project_shotgun_key ON project (shotgun_id);
CREATE UNIQUE INDEX task_type_shotgun_key ON task_type (shotgun_id);
CREATE UNIQUE INDEX task_status_shotgun_key ON task_status (shotgun_id);
CREATE UNIQUE INDEX task_shotgun_key ON task (shotgun_id);
CREATE UNIQUE INDEX comment_shotgun_key ON comment (shotgun_id);
-- person.shotgun_id and preview_file.shotgun_id are unique since 0001.

-- Zou's data_import_error: what an import could not take, as sent, for an operator to read and clear.
-- Errors the server records itself carry a fingerprint, so that re-running the same import does not
-- pile up copies of the same error; errors posted by a client (Zou's POST route) have none.
CREATE TABLE data_import_error (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  event_data jsonb NOT NULL,
  source varchar(20) NOT NULL DEFAULT 'shotgun' CHECK (source IN ('csv', 'shotgun')),
  fingerprint varchar(64)
);
CREATE UNIQUE INDEX data_import_error_fingerprint_key ON data_import_error (source, fingerprint);
CREATE INDEX data_import_error_source_idx ON data_import_error (source, created_at);
SELECT add_touch_trigger('data_import_error'::regclass);
