-- Saved searches of the web client's lists (#14; Zou's search_filter and search_filter_group): each
-- person's own, or shared with a production's team (only its managers share), optionally limited to
-- one department. Deleting a group deletes its filters, as Zou does.
CREATE TABLE search_filter_group (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  list_type varchar(80) NOT NULL,
  entity_type varchar(80),
  name varchar(200) NOT NULL DEFAULT '',
  color varchar(8) NOT NULL DEFAULT '',
  is_shared boolean NOT NULL DEFAULT false,
  person_id uuid REFERENCES person (id) ON DELETE CASCADE,
  project_id uuid REFERENCES project (id) ON DELETE CASCADE,
  department_id uuid REFERENCES department (id) ON DELETE CASCADE
);
CREATE INDEX search_filter_group_person_idx ON search_filter_group (person_id);

CREATE TABLE search_filter (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  list_type varchar(80) NOT NULL,
  entity_type varchar(80),
  name varchar(200) NOT NULL DEFAULT '',
  search_query varchar(500) NOT NULL DEFAULT '',
  is_shared boolean NOT NULL DEFAULT false,
  department_id uuid REFERENCES department (id) ON DELETE CASCADE,
  search_filter_group_id uuid REFERENCES search_filter_group (id) ON DELETE CASCADE,
  person_id uuid REFERENCES person (id) ON DELETE CASCADE,
  project_id uuid REFERENCES project (id) ON DELETE CASCADE
);
CREATE INDEX search_filter_person_idx ON search_filter (person_id);
CREATE INDEX search_filter_group_idx ON search_filter (search_filter_group_id);

SELECT add_touch_trigger('search_filter_group'::regclass);
SELECT add_touch_trigger('search_filter'::regclass);
