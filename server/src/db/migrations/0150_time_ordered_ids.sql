-- Ids in the order rows are written, for the tables that grow by the thousand (UUID version 7: 48 bits
-- of Unix milliseconds, then 74 random bits; Zou's clients only ever compare ids for equality).
-- A random id puts every new row on a random leaf page of the primary key (and of every index that
-- leads with an id: a task's entity, an event's object): a 10,000-shot CSV import dirtied ~19,000
-- index pages for its 30,000 tasks, each logged in full after a checkpoint (134 MB of WAL for one
-- statement). Time-ordered ids append to the indexes' last pages. The event log's ids then also sort
-- like the log, which replay from a last-seen id builds on. Existing ids stay as they are; the
-- session and credential tables keep fully random ids.
CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['api_event', 'entity', 'entity_link', 'task', 'task_dependency', 'comment', 'attachment_file',
    'preview_file', 'news', 'notification', 'subscription', 'time_spent', 'working_file', 'output_file', 'schedule_item',
    'job', 'data_import_error']
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN id SET DEFAULT uuid_v7()', t);
  END LOOP;
END $$;
