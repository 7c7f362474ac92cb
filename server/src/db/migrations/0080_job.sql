-- Durable background jobs, shared by every Rushes process on this database. A worker claims due jobs
-- with FOR UPDATE SKIP LOCKED and holds a lease (locked_until) that it renews while the handler runs;
-- a job whose lease ran out (its worker died) is claimed again. Every state change is guarded by
-- (state, locked_by) in its WHERE clause, so a job is completed at most once.
CREATE TABLE job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  queue varchar(100) NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  state varchar(20) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'completed', 'failed')),
  -- Attempts started so far; a claim increments it.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 1 CHECK (max_attempts >= 1),
  run_at timestamp NOT NULL DEFAULT utc_now(),
  locked_by varchar(200),
  locked_until timestamp,
  last_error text,
  completed_at timestamp,
  CONSTRAINT job_lock_consistent CHECK ((state = 'running') = (locked_by IS NOT NULL AND locked_until IS NOT NULL))
);
-- The claim query's path: due pending jobs by time, and running jobs whose lease may have run out.
CREATE INDEX job_due_idx ON job (run_at) WHERE state = 'pending';
CREATE INDEX job_lease_idx ON job (locked_until) WHERE state = 'running';
SELECT add_touch_trigger('job'::regclass);
