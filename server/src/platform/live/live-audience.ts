import type { Actor } from '../auth/actor.ts';
import type { LiveEvent } from './live-event.ts';

/** Socket.IO rooms: admins see everything, a team member his projects' events, everyone his own. */
export const ADMINS_ROOM = 'admins';
export const projectRoom = (projectId: string) => `project:${projectId}`;
export const personRoom = (personId: string) => `person:${personId}`;

/** The rooms a connected person joins; `memberProjectIds` are the projects whose team he is in. */
export function roomsOf(actor: Actor, memberProjectIds: string[]): string[] {
  const rooms = [personRoom(actor.id), ...memberProjectIds.map(projectRoom)];
  if (actor.role === 'admin') rooms.push(ADMINS_ROOM);
  return rooms;
}

/** The rooms an event goes to; a socket in several of them receives it once. */
export function audienceOf(event: LiveEvent): string[] {
  const rooms = [ADMINS_ROOM];
  if (event.projectId) rooms.push(projectRoom(event.projectId));
  if (event.actorId) rooms.push(personRoom(event.actorId));
  return rooms;
}

/** The same rule for one person, for replay (which reads the log for a single socket). */
export function mayReceive(rooms: ReadonlySet<string>, event: LiveEvent): boolean {
  return audienceOf(event).some((room) => rooms.has(room));
}
