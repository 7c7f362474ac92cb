-- The production tables' validator over a whole project (data/shots|assets/with-tasks without a
-- narrower scope) sums the updated_at of the project's tasks: an index-only scan of this index
-- instead of a pass over the task heap (tier F, 45,600 tasks: 10.3 -> 5.3 ms of PostgreSQL CPU).
CREATE INDEX task_project_updated_idx ON task (project_id) INCLUDE (updated_at);
