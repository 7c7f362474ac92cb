/**
 * Where the files of production rows live in the Storage. Every key is built from server-side ids
 * (never from an uploaded file name), so a key can neither collide with another row's nor escape the
 * storage root. One module owns the layout because deletions (the `storage:cleanup` job queued by
 * the database, migration 0110) must find every object of a row from its id alone.
 */

/** A preview file's objects: the upload as received, and what is derived from it. */
export function previewKeys(previewFileId: string) {
  const base = `previews/${previewFileId}`;
  return {
    /** The bytes as uploaded: the source of a movie, or an allow-listed production file stored as-is. */
    source: `${base}/source`,
    /** Pictures: the PNG conversion of the upload; movies: the poster frame. */
    original: `${base}/original.png`,
    /** 150×100, transparent margins. */
    thumbnail: `${base}/thumbnail.png`,
    /** 100×100, transparent margins. */
    thumbnailSquare: `${base}/thumbnail-square.png`,
    /** 1200 pixels wide, for the web player. */
    preview: `${base}/preview.png`,
    /** The normalised H.264 MP4 of a movie. */
    movie: `${base}/movie.mp4`,
  };
}

export const attachmentKey = (attachmentFileId: string) => `attachments/${attachmentFileId}`;

/** The 150×100 PNG thumbnail of an image attachment, rendered on its first request and kept. */
export const attachmentThumbnailKey = (attachmentFileId: string) => `attachment-thumbnails/${attachmentFileId}.png`;

export const workingFileKey = (workingFileId: string) => `working-files/${workingFileId}`;

/** Where an upload waits while it is checked, before what is made of it is stored (then it goes). */
export const stagingKey = (uploadId: string) => `uploads/${uploadId}`;

export type AvatarOwner = 'persons' | 'projects' | 'organisations';

/** A person, project or organisation avatar (400×400 PNG). */
export const avatarKey = (owner: AvatarOwner, id: string) => `thumbnails/${owner}/${id}.png`;

/** The movie a playlist build made (H.264 MP4). */
export const playlistBuildKey = (buildJobId: string) => `playlists/${buildJobId}/movie.mp4`;

/** Every key a deleted row may have left behind, by the kind the cleanup trigger reports. */
export function keysOfDeletedRow(kind: string, id: string): string[] {
  switch (kind) {
    case 'preview_file':
      return Object.values(previewKeys(id));
    case 'attachment_file':
      return [attachmentKey(id), attachmentThumbnailKey(id)];
    case 'working_file':
      return [workingFileKey(id)];
    case 'person':
      return [avatarKey('persons', id)];
    case 'project':
      return [avatarKey('projects', id)];
    case 'playlist_build_job':
      return [playlistBuildKey(id)];
    default:
      return [];
  }
}
