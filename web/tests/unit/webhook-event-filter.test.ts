import { describe, expect, it } from 'vitest';
import { formatEventFilter, parseEventFilter } from '@/features/webhooks/event-filter';

describe('webhook event filter', () => {
  it('reads a comma- or space-separated list, without duplicates', () => {
    expect(parseEventFilter('task:new, comment:*  task:new\n*')).toEqual({ events: ['task:new', 'comment:*', '*'], error: null });
    expect(formatEventFilter(['task:new', 'shot:*'])).toBe('task:new, shot:*');
  });

  it('names what cannot be sent, in words', () => {
    expect(parseEventFilter('  ').error).toMatch(/at least one event/);
    expect(parseEventFilter('task:new, task').error).toMatch(/"task" is not an event name/);
    expect(parseEventFilter('Task:New').error).toMatch(/not an event name/);
    expect(parseEventFilter(Array.from({ length: 51 }, (_, n) => `model${n}:new`).join(',')).error).toMatch(/at most 50/);
  });
});
