import type { Executor } from '../../platform/db/database.ts';
import type { AvatarOwner } from '../../platform/storage/layout.ts';

const TABLES = { persons: 'person', projects: 'project', organisations: 'organisation' } as const;

export async function findAvatarOwner(db: Executor, owner: AvatarOwner, id: string): Promise<{ id: string; has_avatar: boolean; updated_at: string } | undefined> {
  return db.selectFrom(TABLES[owner]).select(['id', 'has_avatar', 'updated_at']).where('id', '=', id).executeTakeFirst();
}

export async function setHasAvatar(db: Executor, owner: AvatarOwner, id: string): Promise<void> {
  await db.updateTable(TABLES[owner]).set({ has_avatar: true }).where('id', '=', id).execute();
}
