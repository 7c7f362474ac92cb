-- Outgoing webhooks (#13): admins register URLs that receive a signed POST for each matching event of
-- the api_event log. A delivery row is written in the same transaction as its event (transactional
-- outbox), so an event that commits always has its deliveries and a rolled-back one never has.

CREATE TABLE webhook (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  -- NULL: studio-wide (every event, those of no production too).
  project_id uuid REFERENCES project (id) ON DELETE CASCADE,
  url varchar(2000) NOT NULL,
  -- Event names (task:new), a model's wildcard (task:*) or * for everything.
  events varchar(80)[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 50),
  active boolean NOT NULL DEFAULT true,
  -- Kept as it is: the server must read it back to sign each delivery (HMAC), so it cannot be hashed.
  -- The API hands it out only when it is generated (creation, rotation); presenters never read it.
  secret varchar(100) NOT NULL,
  secret_rotated_at timestamp,
  created_by uuid REFERENCES person (id) ON DELETE SET NULL
);
-- The event log's hot path looks up the active hooks on every write.
CREATE INDEX webhook_active_idx ON webhook (project_id) WHERE active;

-- One event sent to one hook (a redelivery is a delivery of its own, pointing at the original).
CREATE TABLE webhook_delivery (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  webhook_id uuid NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES api_event (id) ON DELETE CASCADE,
  event_name varchar(80) NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- The last attempt's outcome (each attempt is in webhook_delivery_attempt).
  response_status integer,
  duration_ms integer,
  error text,
  last_attempt_at timestamp,
  redelivery_of uuid REFERENCES webhook_delivery (id) ON DELETE SET NULL
);
-- The delivery log of a hook, newest first (ids are time-ordered), and the cascade from api_event.
CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, id DESC);
CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (event_id);

CREATE TABLE webhook_delivery_attempt (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  delivery_id uuid NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempt integer NOT NULL CHECK (attempt >= 1),
  started_at timestamp NOT NULL,
  duration_ms integer NOT NULL,
  response_status integer,
  error text,
  succeeded boolean NOT NULL,
  -- A job run again after its worker died gets a new attempt number: the same one is never logged twice.
  UNIQUE (delivery_id, attempt)
);

SELECT add_touch_trigger('webhook'::regclass);
SELECT add_touch_trigger('webhook_delivery'::regclass);
