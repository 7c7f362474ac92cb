/**
 * The set-design API (/api/v1, seed 003) for the Set designs page: set designs, their base images,
 * ZIP uploads processed in the background and their upload tasks, completion requests, and the
 * subjects, shot types and organizations the page offers. Shapes come from packages/contracts.
 */
import type { Static } from 'typebox';
import { ApiError, errorMessageOf, http } from '@/lib/http';
import type { MediaResourcePublic as MediaSchema } from '@contracts/set-designs/media.schema.ts';
import type { OrganizationsPublic as OrganizationsSchema } from '@contracts/set-designs/organizations.schema.ts';
import type { ShotTypesPublic as ShotTypesSchema, SubjectsPublic as SubjectsSchema } from '@contracts/set-designs/catalog.schema.ts';
import type {
  SetBaseImageCreate as BaseImageCreateSchema,
  SetBaseImagePublic as BaseImageSchema,
  SetDesignCompletionRequest as CompletionRequestSchema,
  SetDesignCreate as CreateSchema,
  SetDesignPublic as SetDesignSchema,
  SetDesignsPublic as SetDesignsSchema,
  SetDesignUpdate as UpdateSchema,
} from '@contracts/set-designs/set-designs.schema.ts';
import type { Message as MessageSchema } from '@contracts/set-designs/common.schema.ts';
import type { SetDesignBaseImagesUploadTaskPublic as UploadTaskSchema } from '@contracts/set-designs/upload-tasks.schema.ts';

export type SetDesign = Static<typeof SetDesignSchema>;
export type SetDesignPage = Static<typeof SetDesignsSchema>;
export type SetDesignCreate = Static<typeof CreateSchema>;
export type SetDesignUpdate = Static<typeof UpdateSchema>;
export type BaseImage = Static<typeof BaseImageSchema>;
export type BaseImageCreate = Static<typeof BaseImageCreateSchema>;
export type CompletionRequest = Static<typeof CompletionRequestSchema>;
export type UploadTask = Static<typeof UploadTaskSchema>;
export type Media = Static<typeof MediaSchema>;
export type Subject = Static<typeof SubjectsSchema>['data'][number];
export type ShotType = Static<typeof ShotTypesSchema>['data'][number];
export type Organization = Static<typeof OrganizationsSchema>['data'][number];
type Message = Static<typeof MessageSchema>;

const ROOT = '/v1/set-designs';
const one = (id: string) => `${ROOT}/${encodeURIComponent(id)}`;
/** `organization_id` scopes every v1 route; absent, the caller's own items (all of them for an admin). */
const scoped = (organizationId: string | null | undefined) => ({ organization_id: organizationId ?? undefined });

export const fetchSetDesigns = (page: { skip: number; limit: number; organizationId?: string | null }) =>
  http.get<SetDesignPage>(`${ROOT}/`, { query: { skip: page.skip, limit: page.limit, ...scoped(page.organizationId) } });
export const fetchSetDesign = (id: string, organizationId?: string | null) => http.get<SetDesign>(one(id), { query: scoped(organizationId) });
export const createSetDesign = (body: SetDesignCreate) => http.post<SetDesign>(`${ROOT}/`, body, { query: scoped(body.organization_id) });
export const updateSetDesign = (id: string, organizationId: string | null, body: SetDesignUpdate) =>
  http.put<SetDesign>(one(id), body, { query: scoped(organizationId) });
export const deleteSetDesign = (id: string, organizationId: string | null) => http.delete<Message>(one(id), { query: scoped(organizationId) });
export const requestCompletion = (id: string, organizationId: string | null, body: CompletionRequest) =>
  http.post<Message>(`${one(id)}/request-completion`, body, { query: scoped(organizationId) });

export const fetchUploadTask = (taskId: string, signal?: AbortSignal) =>
  http.get<UploadTask>(`${ROOT}/upload-tasks/${encodeURIComponent(taskId)}`, { signal });
/** The latest upload task of a subject of a set design (404 when it has none). */
export const fetchLatestUploadTask = (id: string, organizationId: string | null, subjectId: string) =>
  http.get<UploadTask>(`${one(id)}/base-images/upload-task`, { query: { ...scoped(organizationId), subject_id: subjectId } });

const MAX_LIST = 1000;
export const fetchSubjects = (organizationId: string | null) =>
  http.get<Static<typeof SubjectsSchema>>('/v1/subjects/', { query: { limit: MAX_LIST, ...scoped(organizationId) } });
export const fetchShotTypes = (organizationId: string | null) =>
  http.get<Static<typeof ShotTypesSchema>>('/v1/shot-types/', { query: { limit: MAX_LIST, ...scoped(organizationId) } });
export const fetchOrganizations = () => http.get<Static<typeof OrganizationsSchema>>('/v1/organizations/', { query: { limit: MAX_LIST } });

/**
 * A multipart upload (field "file"). lib/http sends JSON only, so the form goes through fetch here,
 * with the same cookies and error messages; an expired access cookie is refreshed by one call of the
 * app's client (which also handles a session that cannot be refreshed), then the upload is retried once.
 */
async function uploadFile<T>(path: string, file: Blob, fileName: string, query: Record<string, string | undefined>): Promise<T> {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const url = `/api${path}${params.size ? `?${params}` : ''}`;
  for (let attempt = 0; ; attempt += 1) {
    const form = new FormData();
    form.append('file', file, fileName);
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
    } catch {
      throw new ApiError(errorMessageOf(null, 0), 0);
    }
    const raw = await response.text();
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      // Not JSON: errorMessageOf reads short text bodies as they are.
    }
    if (response.ok) return body as T;
    if (response.status === 401 && attempt === 0) {
      await fetchOrganizations();
      continue;
    }
    throw new ApiError(errorMessageOf(body, response.status), response.status, body);
  }
}

/** Sends a ZIP of images named after shot-type slugs as a subject's base images: answers a PENDING task. */
export const uploadBaseImagesZip = (id: string, organizationId: string | null, subjectId: string, zip: File) =>
  uploadFile<UploadTask>(`${one(id)}/base-images/upload`, zip, zip.name || 'base-images.zip', { organization_id: organizationId ?? undefined, subject_id: subjectId });

/** Stores one image as a media resource (the same bytes are stored once). */
export const uploadMedia = (image: File) => uploadFile<Media>('/v1/media/', image, image.name || 'image', {});
