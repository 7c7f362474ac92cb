-- Studio-wide settings the Kitsu web client edits and Gazu reads (#14), served as generic CRUD
-- collections with Zou's columns: hardware items (equipment and its monthly cost, for budgets),
-- custom actions (links the web client offers on selected entities, posted to the studio's own URL)
-- and status automations (a task type reaching a status changes another task's status or the
-- asset's ready_for). Applying the automations on a status change is not done yet.

CREATE TABLE hardware_item (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(40) NOT NULL UNIQUE,
  short_name varchar(20) NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  monthly_cost integer DEFAULT 0,
  inventory_amount integer DEFAULT 0
);

CREATE TABLE custom_action (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  name varchar(80) NOT NULL,
  url varchar(400),
  -- Which entities the action is offered on: all, shot, asset... (free text in Zou).
  entity_type varchar(40) DEFAULT 'all',
  is_ajax boolean NOT NULL DEFAULT false
);

CREATE TABLE status_automation (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  -- "asset" matches every asset type, otherwise an entity type name (shot...), case-insensitively.
  entity_type varchar(40) DEFAULT 'asset',
  in_task_type_id uuid REFERENCES task_type (id),
  in_task_status_id uuid REFERENCES task_status (id),
  out_field_type varchar(20) NOT NULL DEFAULT 'status' CHECK (out_field_type IN ('status', 'ready_for')),
  out_task_type_id uuid REFERENCES task_type (id),
  out_task_status_id uuid REFERENCES task_status (id),
  import_last_revision boolean NOT NULL DEFAULT false,
  archived boolean NOT NULL DEFAULT false
);
CREATE INDEX status_automation_in_idx ON status_automation (in_task_type_id, in_task_status_id);

SELECT add_touch_trigger('hardware_item'::regclass);
SELECT add_touch_trigger('custom_action'::regclass);
SELECT add_touch_trigger('status_automation'::regclass);
