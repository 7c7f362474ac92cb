import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { requireProjectManager } from '../../platform/auth/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { NotifyClientsBody } from '../../../../packages/contracts/src/playlists.schema.ts';
import { insertClientNotifications } from './playlists.repository.ts';
import { playlistOr404 } from './playlists.service.ts';

/**
 * `POST data/playlists/<id>/notify-clients` (Gazu's notify_clients_playlist_ready): managers of the
 * production tell its clients the playlist is ready, each with a `playlist-ready` notification.
 */
export async function notifyClients(actor: Actor, playlistId: string, input: NotifyClientsBody, tx: Tx, events: DomainEvent[]): Promise<{ status: 'success'; notified: number }> {
  const playlist = await playlistOr404(tx, playlistId);
  await requireProjectManager(tx, actor, playlist.project_id);
  const created = await insertClientNotifications(tx, playlist, actor.id, {
    studioId: input.studio_id || undefined,
    departmentId: input.department_id || undefined,
  });
  await recordAudit(tx, { actorId: actor.id, action: 'notify-clients', objectType: 'playlist', objectId: playlist.id, projectId: playlist.project_id, after: { notified: created.map((row) => row.person_id) } });
  for (const row of created) {
    events.push({ name: 'notification:new', data: { notification_id: row.id, person_id: row.person_id }, projectId: playlist.project_id, actorId: actor.id });
  }
  return { status: 'success', notified: created.length };
}
