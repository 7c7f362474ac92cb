-- Event ids in the order events are written (UUID version 7: 48 bits of Unix milliseconds, then
-- random bits). A random id put every new event on a random page of the primary key index: a
-- 10,000-row CSV import writes ~110,000 events in one statement, and dirtying (and logging) a page per
-- event was a large part of it; time-ordered ids append to the index's last pages. They also sort
-- like the log, which replay from a last-seen id builds on. Existing ids stay as they are.
CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

ALTER TABLE api_event ALTER COLUMN id SET DEFAULT uuid_v7();
