import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import { scopeCondition, type Scope } from '../organizations/organization-scope.ts';

export interface SetDesignRow {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  description: string | null;
  owner_id: string;
  organization_id: string | null;
  background_preset_id: string | null;
}

export interface BaseImageRow {
  id: string;
  created_at: string;
  updated_at: string;
  set_design_id: string;
  subject_id: string;
  shot_type_id: string;
  image_url: string | null;
  image_media_id: string | null;
}

export interface ReferenceImageRow {
  id: string;
  created_at: string;
  updated_at: string;
  set_design_id: string;
  shot_type_id: string;
  label: string | null;
  image_url: string | null;
  image_media_id: string | null;
}

export interface PortraitRow {
  id: string;
  created_at: string;
  updated_at: string;
  set_design_id: string;
  subject_id: string;
  image_media_id: string | null;
}

const designColumns = ['id', 'created_at', 'updated_at', 'name', 'description', 'owner_id', 'organization_id', 'background_preset_id'] as const;
const baseColumns = ['id', 'created_at', 'updated_at', 'set_design_id', 'subject_id', 'shot_type_id', 'image_url', 'image_media_id'] as const;
const referenceColumns = ['id', 'created_at', 'updated_at', 'set_design_id', 'shot_type_id', 'label', 'image_url', 'image_media_id'] as const;
const portraitColumns = ['id', 'created_at', 'updated_at', 'set_design_id', 'subject_id', 'image_media_id'] as const;

export async function listSetDesignRows(
  db: Executor,
  scope: Scope,
  options: { ownerId?: string | null; skip: number; limit: number },
): Promise<{ rows: SetDesignRow[]; count: number }> {
  const base = db
    .selectFrom('set_design')
    .where(scopeCondition(scope, 'set_design'))
    .$if(Boolean(options.ownerId), (qb) => qb.where('owner_id', '=', options.ownerId as string));
  const [rows, total] = await Promise.all([
    base.select(designColumns).orderBy('created_at', 'desc').orderBy('id').offset(options.skip).limit(options.limit).execute(),
    base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, count: total.count };
}

export async function findSetDesign(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<SetDesignRow | undefined> {
  return db
    .selectFrom('set_design')
    .select(designColumns)
    .where('id', '=', id)
    .$if(options.lock === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function insertSetDesign(
  db: Executor,
  values: Omit<SetDesignRow, 'id' | 'created_at' | 'updated_at'>,
): Promise<string> {
  return (await db.insertInto('set_design').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSetDesignRow(
  db: Executor,
  id: string,
  changes: Partial<Omit<SetDesignRow, 'id' | 'created_at' | 'updated_at'>>,
): Promise<void> {
  // Always touched: replacing only an image list is an update of the set design too.
  await db.updateTable('set_design').set({ ...changes, updated_at: sql<string>`utc_now()` }).where('id', '=', id).execute();
}

export async function deleteSetDesignRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('set_design').where('id', '=', id).execute();
}

export interface ImageLists {
  baseImages: BaseImageRow[];
  referenceImages: ReferenceImageRow[];
  portraits: PortraitRow[];
}

/** The three image lists of several set designs, in their stored order. */
export async function loadImageLists(db: Executor, setDesignIds: string[]): Promise<ImageLists> {
  if (setDesignIds.length === 0) return { baseImages: [], referenceImages: [], portraits: [] };
  const [baseImages, referenceImages, portraits] = await Promise.all([
    db.selectFrom('set_base_image').select(baseColumns).where('set_design_id', 'in', setDesignIds).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('set_reference_image').select(referenceColumns).where('set_design_id', 'in', setDesignIds).orderBy('position').orderBy('id').execute(),
    db.selectFrom('subject_portrait').select(portraitColumns).where('set_design_id', 'in', setDesignIds).orderBy('position').orderBy('id').execute(),
  ]);
  return { baseImages, referenceImages, portraits };
}

export interface NewBaseImage {
  subject_id: string;
  shot_type_id: string;
  image_url: string | null;
  image_media_id: string | null;
}
export interface NewReferenceImage {
  shot_type_id: string;
  label: string | null;
  image_url: string | null;
  image_media_id: string | null;
}
export interface NewPortrait {
  subject_id: string;
  image_media_id: string | null;
}

export async function replaceBaseImages(db: Executor, setDesignId: string, images: NewBaseImage[]): Promise<void> {
  await db.deleteFrom('set_base_image').where('set_design_id', '=', setDesignId).execute();
  if (images.length === 0) return;
  await db.insertInto('set_base_image').values(images.map((image) => ({ ...image, set_design_id: setDesignId }))).execute();
}

export async function replaceReferenceImages(db: Executor, setDesignId: string, images: NewReferenceImage[]): Promise<void> {
  await db.deleteFrom('set_reference_image').where('set_design_id', '=', setDesignId).execute();
  if (images.length === 0) return;
  await db
    .insertInto('set_reference_image')
    .values(images.map((image, position) => ({ ...image, position, set_design_id: setDesignId })))
    .execute();
}

export async function replacePortraits(db: Executor, setDesignId: string, portraits: NewPortrait[]): Promise<void> {
  await db.deleteFrom('subject_portrait').where('set_design_id', '=', setDesignId).execute();
  if (portraits.length === 0) return;
  await db
    .insertInto('subject_portrait')
    .values(portraits.map((portrait, position) => ({ ...portrait, position, set_design_id: setDesignId })))
    .execute();
}

/**
 * Sets one base image slot (set design x subject x shot type), replacing the image that was there:
 * the unique slot key makes it one statement, safe against a concurrent writer of the same slot.
 */
export async function upsertBaseImage(db: Executor, setDesignId: string, image: NewBaseImage): Promise<string> {
  const row = await db
    .insertInto('set_base_image')
    .values({ ...image, set_design_id: setDesignId })
    .onConflict((oc) =>
      oc.columns(['set_design_id', 'subject_id', 'shot_type_id']).doUpdateSet({
        image_url: image.image_url,
        image_media_id: image.image_media_id,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findBaseImageRow(
  db: Executor,
  setDesignId: string,
  subjectId: string,
  shotTypeId: string,
): Promise<BaseImageRow | undefined> {
  return db
    .selectFrom('set_base_image')
    .select(baseColumns)
    .where('set_design_id', '=', setDesignId)
    .where('subject_id', '=', subjectId)
    .where('shot_type_id', '=', shotTypeId)
    .executeTakeFirst();
}

export type CatalogTable = 'subject' | 'shot_type' | 'background_preset';

/** Which of `ids` belong to the holder: its organization's items, or its owner's personal ones. */
export async function catalogIdsHeldBy(
  db: Executor,
  table: CatalogTable,
  ids: string[],
  holder: { owner_id: string; organization_id: string | null },
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', ids)
    .$if(holder.organization_id !== null, (qb) => qb.where('organization_id', '=', holder.organization_id))
    .$if(holder.organization_id === null, (qb) => qb.where('organization_id', 'is', null).where('owner_id', '=', holder.owner_id))
    .execute();
  return new Set(rows.map((row) => row.id));
}
