-- Studio endpoints (seeds 000 and 001): per-project custom task statuses and task templates.

-- Custom statuses are task_status rows with project_id set; a project has at most one custom default,
-- which then replaces Not Started as the status of its new tasks.
CREATE UNIQUE INDEX task_status_one_custom_default ON task_status (project_id) WHERE is_default AND project_id IS NOT NULL;
CREATE INDEX task_status_project_order_idx ON task_status (project_id, sort_order) WHERE project_id IS NOT NULL;

-- Task types created automatically for every new shot / asset of a project, in `position` order.
CREATE TABLE project_task_template (
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  for_entity varchar(30) NOT NULL CHECK (for_entity IN ('Shot', 'Asset')),
  task_type_id uuid NOT NULL REFERENCES task_type (id) ON DELETE CASCADE,
  position integer NOT NULL,
  created_at timestamp NOT NULL DEFAULT utc_now(),
  PRIMARY KEY (project_id, for_entity, task_type_id)
);
CREATE INDEX project_task_template_task_type_idx ON project_task_template (task_type_id);
