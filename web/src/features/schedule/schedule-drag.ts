import { DAY } from './schedule-model';

/**
 * The date arithmetic of rescheduling a task bar, by mouse or keyboard. Changes are whole days: a bar
 * keeps its time of day (starts at midnight, dues at 18:00 in most productions) and moves or stretches
 * by days, so that a task due at the end of a day stays due at the end of a day.
 */

/** A bar's span, UTC milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** What the pointer holds: the whole bar or one of its edges. */
export type DragPart = 'move' | 'start' | 'end';

/** Width of the grip at each end of a bar, px; a bar narrower than three grips is split in thirds. */
export const EDGE_GRIP = 6;

/** Whole days a horizontal pointer movement stands for, at the chart's zoom (snapped to the nearest day). */
export function daysFromPixels(dx: number, pxPerDay: number): number {
  if (pxPerDay <= 0) return 0;
  const days = Math.round(dx / pxPerDay);
  return days === 0 ? 0 : days; // never -0
}

/** Horizontal offset of a date in the chart, px. */
export const pixelsFromDate = (time: number, rangeStart: number, pxPerDay: number): number => ((time - rangeStart) / DAY) * pxPerDay;

/** The start of the UTC day under a chart offset, px (what a click on the track points at). */
export const dayAtPixel = (px: number, rangeStart: number, pxPerDay: number): number => rangeStart + Math.floor(px / pxPerDay) * DAY;

/** Which part of a bar a press at `offsetX` (from the bar's left, px) grabs. */
export function partAt(offsetX: number, width: number): DragPart {
  const grip = Math.min(EDGE_GRIP, width / 3);
  if (offsetX <= grip) return 'start';
  if (offsetX >= width - grip) return 'end';
  return 'move';
}

/** The bar moved by whole days, its length kept. */
export const moveSpan = (span: Span, days: number): Span => ({ start: span.start + days * DAY, end: span.end + days * DAY });

/**
 * One edge moved by whole days, never onto or past the other edge: a bar shrinks to its last whole day
 * (or stays as it is when it is already a day or less).
 */
export function resizeSpan(span: Span, edge: 'start' | 'end', days: number): Span {
  const length = span.end - span.start;
  // The most days an edge may travel towards the other while leaving some length.
  const limit = Math.ceil(length / DAY) - 1;
  if (edge === 'start') return { start: span.start + Math.min(days, Math.max(0, limit)) * DAY, end: span.end };
  return { start: span.start, end: span.end + Math.max(days, -Math.max(0, limit)) * DAY };
}

/** A bar dragged `days` by the given part. */
export const dragSpan = (span: Span, part: DragPart, days: number): Span => (part === 'move' ? moveSpan(span, days) : resizeSpan(span, part, days));

/** A task's dates as the API takes them: UTC `YYYY-MM-DDTHH:MM:SS`. */
export const toWireDateTime = (time: number): string => new Date(time).toISOString().slice(0, 19);

/** The dates to save for a bar: both ends, so the task shows where it was dropped (even one planned from its due date only). */
export const spanDates = (span: Span): { start_date: string; due_date: string } => ({ start_date: toWireDateTime(span.start), due_date: toWireDateTime(span.end) });

/** The change a key makes to a focused bar: arrows move by a day, Shift+arrows move the due date. */
export function keyChange(key: string, shiftKey: boolean): { part: DragPart; days: number } | null {
  const days = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
  if (days === 0) return null;
  return { part: shiftKey ? 'end' : 'move', days };
}
