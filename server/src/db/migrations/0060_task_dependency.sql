-- Task dependencies (finish-to-start): `task_id` cannot end before `depends_on_task_id` ends. Rushes
-- only (Zou has none); they feed the predecessor_late schedule risk. Both tasks belong to one project:
-- the composite foreign keys make a cross-project link impossible rather than merely refused.
CREATE UNIQUE INDEX task_id_project_key ON task (id, project_id);

CREATE TABLE task_dependency (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  task_id uuid NOT NULL,
  depends_on_task_id uuid NOT NULL,
  created_by uuid REFERENCES person (id) ON DELETE SET NULL,
  -- Deleting a task (with or without force) drops its links: nothing else references them.
  FOREIGN KEY (task_id, project_id) REFERENCES task (id, project_id) ON DELETE CASCADE,
  FOREIGN KEY (depends_on_task_id, project_id) REFERENCES task (id, project_id) ON DELETE CASCADE,
  CONSTRAINT task_dependency_not_self CHECK (task_id <> depends_on_task_id),
  CONSTRAINT task_dependency_uniq UNIQUE (task_id, depends_on_task_id)
);
CREATE INDEX task_dependency_predecessor_idx ON task_dependency (depends_on_task_id);
CREATE INDEX task_dependency_project_idx ON task_dependency (project_id);
SELECT add_touch_trigger('task_dependency'::regclass);

-- Zou's wire format for a timestamp inside JSON built by SQL (the driver formats plain columns).
CREATE FUNCTION wire_timestamp(value timestamp) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_char(value, 'YYYY-MM-DD"T"HH24:MI:SS')
$$;
