-- Files kept in the Storage (local directory or S3 bucket) for database rows: preview files and their
-- variants, comment attachments, working files, person and project avatars.
--
-- Those rows are deleted along many paths (the preview routes, a comment deletion, a forced task or
-- project deletion, the generic CRUD...). Rather than asking each path to remember the files, a
-- statement-level trigger queues one background job per DELETE statement, in the deleting
-- transaction: the job commits with the deletion (and the worker then removes the objects), or rolls
-- back with it. The job payload carries the kind of row and the deleted ids; the storage keys are
-- derived from them (server/src/platform/storage/layout.ts).
CREATE FUNCTION queue_stored_files_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids jsonb;
BEGIN
  IF TG_ARGV[1] = 'has_avatar' THEN
    SELECT jsonb_agg(id) INTO ids FROM gone WHERE has_avatar;
  ELSE
    SELECT jsonb_agg(id) INTO ids FROM gone;
  END IF;
  IF ids IS NOT NULL THEN
    INSERT INTO job (queue, payload, max_attempts)
    VALUES ('storage:cleanup', jsonb_build_object('kind', TG_ARGV[0], 'ids', ids), 5);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER preview_file_stored_files AFTER DELETE ON preview_file REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION queue_stored_files_cleanup('preview_file', 'all');
CREATE TRIGGER attachment_file_stored_files AFTER DELETE ON attachment_file REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION queue_stored_files_cleanup('attachment_file', 'all');
CREATE TRIGGER working_file_stored_files AFTER DELETE ON working_file REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION queue_stored_files_cleanup('working_file', 'all');
CREATE TRIGGER person_stored_files AFTER DELETE ON person REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION queue_stored_files_cleanup('person', 'has_avatar');
CREATE TRIGGER project_stored_files AFTER DELETE ON project REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION queue_stored_files_cleanup('project', 'has_avatar');

-- Uploaded working and output files can pass 2 GiB.
ALTER TABLE working_file ALTER COLUMN size TYPE bigint;
ALTER TABLE output_file ALTER COLUMN size TYPE bigint;

-- Revision lookups of a task's previews (next revision, files of a revision).
CREATE INDEX preview_file_task_revision_idx ON preview_file (task_id, revision, position);
-- Last revisions of a task's working files, and output file revisions of an entity.
CREATE INDEX working_file_task_name_idx ON working_file (task_id, name, revision);
CREATE INDEX output_file_entity_revision_idx ON output_file (entity_id, output_type_id, task_type_id, name, revision);
