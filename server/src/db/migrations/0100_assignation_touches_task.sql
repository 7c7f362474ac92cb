-- Assigning or unassigning someone changes the task (Zou saves the task with its new assignees):
-- its updated_at moves, so that whatever is fingerprinted by updated_at (the ETags of the production
-- tables, data/shots/with-tasks and data/assets/with-tasks) sees assignment changes too.
-- Statement-level, with transition tables: one UPDATE per statement, however many rows it touched.
CREATE FUNCTION touch_assigned_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE task SET updated_at = utc_now() WHERE id IN (SELECT DISTINCT task_id FROM added);
  ELSE
    UPDATE task SET updated_at = utc_now() WHERE id IN (SELECT DISTINCT task_id FROM removed);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER assignations_touch_task_on_insert AFTER INSERT ON assignations
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION touch_assigned_tasks();
CREATE TRIGGER assignations_touch_task_on_delete AFTER DELETE ON assignations
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION touch_assigned_tasks();
