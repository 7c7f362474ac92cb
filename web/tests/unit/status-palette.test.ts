import { describe, expect, it } from 'vitest';
import { colourDistance, STATUS_PALETTE, suggestStatusColor, TOO_CLOSE } from '@/features/task-statuses/status-palette';

const SYSTEM_COLOURS = ['#6B7280', '#3B82F6', '#F59E0B', '#10B981', '#EF4444'];

describe('status colour suggestions', () => {
  it('keeps every palette colour clear of the system statuses and of the other palette colours', () => {
    for (const colour of STATUS_PALETTE) {
      for (const system of SYSTEM_COLOURS) expect(colourDistance(colour, system), `${colour} vs ${system}`).toBeGreaterThanOrEqual(TOO_CLOSE);
      for (const other of STATUS_PALETTE) if (other !== colour) expect(colourDistance(colour, other), `${colour} vs ${other}`).toBeGreaterThanOrEqual(TOO_CLOSE);
    }
  });

  it('suggests a different colour for each new status of a production', () => {
    const used = [...SYSTEM_COLOURS];
    const suggested: string[] = [];
    for (let i = 0; i < STATUS_PALETTE.length; i += 1) {
      const colour = suggestStatusColor(used);
      suggested.push(colour);
      used.push(colour);
    }
    expect(new Set(suggested).size).toBe(STATUS_PALETTE.length);
  });

  it('skips a palette colour a custom status already has, whatever its case, or a near one', () => {
    expect(suggestStatusColor(SYSTEM_COLOURS)).toBe('#9333EA');
    expect(suggestStatusColor([...SYSTEM_COLOURS, '#9333ea'])).toBe('#EC4899');
    expect(suggestStatusColor([...SYSTEM_COLOURS, '#9535E8', '#EA4A98'])).toBe('#06B6D4');
  });

  it('still suggests the least clashing colour once the palette is used up', () => {
    const colour = suggestStatusColor([...SYSTEM_COLOURS, ...STATUS_PALETTE]);
    expect(STATUS_PALETTE).toContain(colour);
  });

  it('ignores colours that are not #RRGGBB', () => {
    expect(suggestStatusColor(['purple', ''])).toBe('#9333EA');
    expect(colourDistance('#000000', '#FFFFFF')).toBeCloseTo(765, 0);
  });
});
