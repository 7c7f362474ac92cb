/**
 * Drawings on a preview's frames, in the shape the previews API keeps (`{time, drawing: {objects}}`
 * per frame, Kitsu's): here each object is a pen stroke, its points as fractions of the picture's
 * box so that it lands at the same place at any player size.
 */
export const PEN_COLOURS = ['#ef4444', '#facc15', '#22c55e', '#3b82f6', '#ffffff'] as const;

export interface PenStroke {
  id: string;
  type: 'path';
  color: string;
  /** Line width as a fraction of the picture's width. */
  width: number;
  /** [x, y] pairs, each from 0 to 1. */
  points: Array<[number, number]>;
}

export interface AnnotationFrame {
  time: number;
  drawing: { objects: Array<{ id: string } & Record<string, unknown>> };
}

/**
 * The time a frame's drawings are stored at. The server matches frames by exact time, so the same
 * frame must always give the same number: its start, rounded to the microsecond.
 */
export const annotationTime = (frame: number, fps: number) => Number((frame / fps).toFixed(6));

const isStroke = (object: Record<string, unknown>): object is PenStroke & Record<string, unknown> =>
  object.type === 'path' && Array.isArray(object.points) && typeof object.color === 'string';

/** The pen strokes drawn at a frame (objects of other kinds, drawn by other tools, are left out). */
export function strokesAt(annotations: unknown, frame: number, fps: number): PenStroke[] {
  if (!Array.isArray(annotations)) return [];
  return (annotations as AnnotationFrame[])
    .filter((entry) => typeof entry?.time === 'number' && Math.round(entry.time * fps) === frame && Array.isArray(entry.drawing?.objects))
    .flatMap((entry) => entry.drawing.objects.filter(isStroke));
}

/** The SVG path of a stroke in a 0..1 box. */
export const pathOf = (stroke: Pick<PenStroke, 'points'>) =>
  stroke.points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${x.toFixed(4)} ${y.toFixed(4)}`).join(' ');
