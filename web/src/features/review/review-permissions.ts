/**
 * Who may do what with playlists, as the server's playlist policy decides it (README "Playlists"):
 * the production's supervisors and managers create and build; managers, or the supervisor who created
 * a playlist, change and delete it; everyone who reads it (clients included) may comment.
 */
import type { ProjectCapabilities } from '@/lib/api-types';

export const mayCreatePlaylists = (capabilities: ProjectCapabilities) => capabilities.manage || capabilities.role === 'supervisor';

export const mayEditPlaylist = (capabilities: ProjectCapabilities, playlist: { created_by: string | null }, personId: string | null) =>
  capabilities.manage || (capabilities.role === 'supervisor' && personId !== null && playlist.created_by === personId);
