import type { Project } from '@/lib/api-types';

/** The kinds of production the form offers, with the API's `production_type` values. */
export const PRODUCTION_TYPES = [
  { id: 'featurefilm', label: 'Feature film' },
  { id: 'short', label: 'Short' },
  { id: 'tvshow', label: 'TV series (with episodes)' },
] as const;

export interface ProductionForm {
  name: string;
  production_type: string;
  fps: string;
  resolution: string;
  start_date: string;
  end_date: string;
  description: string;
}

export type ProjectPayload = Pick<Project, 'name' | 'production_type' | 'fps' | 'resolution' | 'start_date' | 'end_date' | 'description'>;

export const emptyProductionForm = (): ProductionForm => ({
  name: '', production_type: 'featurefilm', fps: '24', resolution: '1920x1080', start_date: '', end_date: '', description: '',
});

/** The form as it shows an existing production. */
export function productionFormOf(project: Partial<Project>): ProductionForm {
  return {
    name: project.name ?? '',
    production_type: project.production_type ?? 'featurefilm',
    fps: project.fps ?? '',
    resolution: project.resolution ?? '',
    start_date: project.start_date ?? '',
    end_date: project.end_date ?? '',
    description: project.description ?? '',
  };
}

/** Checks the form and turns it into the API's fields (empty optional fields become null). */
export function toProjectPayload(form: ProductionForm): { payload: ProjectPayload; error: null } | { payload: null; error: string } {
  const name = form.name.trim();
  if (!name) return { payload: null, error: 'Give the production a name.' };
  const fps = form.fps.trim();
  if (fps && !(/^\d+(\.\d+)?$/.test(fps) && Number(fps) > 0)) return { payload: null, error: 'Frames per second is a number such as 24, 25 or 23.976.' };
  const resolution = form.resolution.trim().toLowerCase().replace(/\s+/g, '');
  if (resolution && !/^\d+x\d+$/.test(resolution)) return { payload: null, error: 'The resolution is width × height in pixels, e.g. 1920x1080.' };
  if (form.start_date && form.end_date && form.end_date < form.start_date) return { payload: null, error: 'The end date comes before the start date.' };
  return {
    payload: {
      name,
      production_type: form.production_type,
      fps: fps || null,
      resolution: resolution || null,
      start_date: form.start_date || null,
      end_date: form.end_date || null,
      description: form.description.trim() || null,
    },
    error: null,
  };
}

/** A readable message for a refused save: a taken name is the usual one. */
export function productionSaveError(message: string, status: number, name: string): string {
  if (status === 400 && /exist|unique|already/i.test(message)) return `A production named ${name} already exists.`;
  return message;
}
