-- Get-or-create of episodes, sequences and shots (§8.9) leans on a unique index rather than a
-- read-then-insert check. Zou's key (name, project, type, parent) lets NULL parents repeat, which
-- top-level episodes and sequences always have; for these three temporal kinds NULL parents must
-- collide too. Assets keep the NULL-distinct behaviour (same-named assets are allowed), so the index
-- is partial on the temporal entity type ids, resolved here from the seeded reference rows.
DO $$
DECLARE
  type_ids text;
BEGIN
  SELECT string_agg(quote_literal(id::text) || '::uuid', ', ' ORDER BY name) INTO type_ids
    FROM entity_type WHERE name IN ('Episode', 'Sequence', 'Shot');
  IF type_ids IS NULL THEN
    RAISE EXCEPTION 'temporal entity types are missing';
  END IF;
  EXECUTE format(
    'CREATE UNIQUE INDEX entity_temporal_uniq ON entity (project_id, entity_type_id, parent_id, name) '
    'NULLS NOT DISTINCT WHERE entity_type_id IN (%s)', type_ids);
END $$;

-- Casting lookups by asset (cast-in) and the per-project entity listings ordered by name.
CREATE INDEX entity_project_type_name_idx ON entity (project_id, entity_type_id, name);
