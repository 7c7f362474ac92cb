import { describe, expect, it } from 'vitest';
import { DAY } from '@/features/schedule/schedule-model';
import { dayAtPixel, daysFromPixels, dragSpan, keyChange, moveSpan, partAt, pixelsFromDate, resizeSpan, spanDates, toWireDateTime } from '@/features/schedule/schedule-drag';
import { rescheduleRefusal } from '@/features/schedule/schedule-permissions';

const at = (value: string) => Date.parse(`${value}Z`);
/** Starts at midnight on the 7th, due at 18:00 on the 9th (2.75 days). */
const span = { start: at('2026-12-07T00:00:00'), end: at('2026-12-09T18:00:00') };

describe('pixels and days', () => {
  it('snaps a pointer movement to the nearest whole day at the zoom', () => {
    expect(daysFromPixels(0, 14)).toBe(0);
    expect(daysFromPixels(6, 14)).toBe(0);
    expect(daysFromPixels(8, 14)).toBe(1);
    expect(daysFromPixels(29, 14)).toBe(2);
    expect(daysFromPixels(-8, 14)).toBe(-1);
    expect(Object.is(daysFromPixels(-3, 14), -0)).toBe(false);
    expect(daysFromPixels(100, 0)).toBe(0);
    expect(daysFromPixels(96, 32)).toBe(3);
  });

  it('turns dates into chart offsets and offsets back into the day under them', () => {
    const rangeStart = at('2026-11-30T00:00:00');
    expect(pixelsFromDate(at('2026-12-07T00:00:00'), rangeStart, 14)).toBe(98);
    expect(pixelsFromDate(at('2026-12-07T12:00:00'), rangeStart, 14)).toBe(105);
    expect(dayAtPixel(98, rangeStart, 14)).toBe(at('2026-12-07T00:00:00'));
    expect(dayAtPixel(111, rangeStart, 14)).toBe(at('2026-12-07T00:00:00'));
    expect(dayAtPixel(112, rangeStart, 14)).toBe(at('2026-12-08T00:00:00'));
    expect(dayAtPixel(-1, rangeStart, 14)).toBe(at('2026-11-29T00:00:00'));
  });

  it('grabs the edges of a bar within a few pixels, the middle moves it', () => {
    expect(partAt(2, 100)).toBe('start');
    expect(partAt(6, 100)).toBe('start');
    expect(partAt(50, 100)).toBe('move');
    expect(partAt(97, 100)).toBe('end');
    // A narrow bar keeps a middle third to move it by.
    expect(partAt(5, 12)).toBe('move');
    expect(partAt(3, 12)).toBe('start');
    expect(partAt(10, 12)).toBe('end');
  });
});

describe('moving and resizing', () => {
  it('moves both dates by whole days and keeps the time of day', () => {
    expect(moveSpan(span, 3)).toEqual({ start: at('2026-12-10T00:00:00'), end: at('2026-12-12T18:00:00') });
    expect(moveSpan(span, -7)).toEqual({ start: at('2026-11-30T00:00:00'), end: at('2026-12-02T18:00:00') });
    expect(dragSpan(span, 'move', 0)).toEqual(span);
  });

  it('stretches either edge freely away from the other', () => {
    expect(resizeSpan(span, 'end', 2)).toEqual({ start: span.start, end: at('2026-12-11T18:00:00') });
    expect(resizeSpan(span, 'start', -4)).toEqual({ start: at('2026-12-03T00:00:00'), end: span.end });
  });

  it('never moves an edge onto or past the other one', () => {
    // 2.75 days: the due date comes back two days at most, leaving 0.75 day.
    expect(resizeSpan(span, 'end', -1).end).toBe(at('2026-12-08T18:00:00'));
    expect(resizeSpan(span, 'end', -2).end).toBe(at('2026-12-07T18:00:00'));
    expect(resizeSpan(span, 'end', -10).end).toBe(at('2026-12-07T18:00:00'));
    expect(resizeSpan(span, 'start', 10).start).toBe(at('2026-12-09T00:00:00'));
    expect(dragSpan(span, 'start', 10).end).toBe(span.end);
    // A bar of exactly one day, or less, cannot shrink.
    const day = { start: span.start, end: span.start + DAY };
    expect(resizeSpan(day, 'end', -1)).toEqual(day);
    expect(resizeSpan(day, 'start', 3)).toEqual(day);
    const quarter = { start: span.start, end: span.start + DAY / 4 };
    expect(resizeSpan(quarter, 'end', -1)).toEqual(quarter);
    expect(resizeSpan(quarter, 'end', 1).end).toBe(span.start + DAY + DAY / 4);
  });
});

describe('keys and saved values', () => {
  it('maps arrows to a day move and Shift+arrows to a due date change', () => {
    expect(keyChange('ArrowRight', false)).toEqual({ part: 'move', days: 1 });
    expect(keyChange('ArrowLeft', false)).toEqual({ part: 'move', days: -1 });
    expect(keyChange('ArrowRight', true)).toEqual({ part: 'end', days: 1 });
    expect(keyChange('ArrowLeft', true)).toEqual({ part: 'end', days: -1 });
    expect(keyChange('ArrowUp', false)).toBeNull();
    expect(keyChange('Enter', false)).toBeNull();
  });

  it('saves both dates in the API format', () => {
    expect(toWireDateTime(at('2026-12-09T18:00:00'))).toBe('2026-12-09T18:00:00');
    expect(spanDates(moveSpan(span, 1))).toEqual({ start_date: '2026-12-08T00:00:00', due_date: '2026-12-10T18:00:00' });
  });
});

describe('why a new date was refused', () => {
  it('says why the API refused in the product words', () => {
    expect(rescheduleRefusal(403, 'Forbidden')).toMatch(/coordinators and the supervisors/);
    expect(rescheduleRefusal(404, 'x')).toMatch(/no longer exists/);
    expect(rescheduleRefusal(400, 'Due date is not a date.')).toBe('Due date is not a date.');
  });
});
