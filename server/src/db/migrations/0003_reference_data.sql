-- Reference rows every studio starts with. The five task statuses serve Gazu (short names todo, wip,
-- wfa, retake, done) and the studio endpoints of seed 001 (system ids and colors) at once.
INSERT INTO organisation (name) VALUES ('Rushes');

INSERT INTO project_status (name, color) VALUES ('Open', '#000000'), ('Closed', '#000000');

INSERT INTO task_status (name, short_name, color, is_default, is_wip, is_feedback_request, is_retake, is_done,
                         is_artist_allowed, is_client_allowed, system_key, sort_order, priority)
VALUES
  ('Not Started', 'todo',   '#6B7280', true,  false, false, false, false, true, true,  'not_started', 0, 1),
  ('In Progress', 'wip',    '#3B82F6', false, true,  false, false, false, true, true,  'in_progress', 1, 2),
  ('Submitted',   'wfa',    '#F59E0B', false, false, true,  false, false, true, true,  'submitted',   2, 3),
  ('Approved',    'done',   '#10B981', false, false, false, false, true,  true,  true, 'approved',    3, 5),
  ('Retake',      'retake', '#EF4444', false, false, false, true,  false, true,  true, 'retake',      4, 4);

INSERT INTO task_status (name, short_name, color, is_default, for_concept, sort_order, priority)
VALUES ('Neutral', 'neutral', '#CCCCCC', true, true, 10, 1);

-- Temporal entity types (shots, sequences, episodes...) are entity types too; every other one is an asset type.
INSERT INTO entity_type (name) VALUES ('Shot'), ('Sequence'), ('Episode'), ('Scene'), ('Edit'), ('Concept');

INSERT INTO file_status (name, color) VALUES ('Active', '#FFFFFF');
