import { describe, expect, it } from 'vitest';
import { dayIn, exportFileName } from '@/features/csv-transfer/export-file-name';

describe('CSV export file names', () => {
  it('names the file after the production, what it holds and the day', () => {
    expect(exportFileName('Big Buck Bunny', 'Shot', '2026-12-07')).toBe('Big Buck Bunny shots 2026-12-07.csv');
    expect(exportFileName('Big Buck Bunny', 'Asset', '2026-12-07')).toBe('Big Buck Bunny assets 2026-12-07.csv');
  });

  it('replaces the characters file systems refuse and keeps accents', () => {
    expect(exportFileName('Épisode 1/2: "Le Phare" <v2>?', 'Shot', '2026-12-07')).toBe('Épisode 1 2 Le Phare v2 shots 2026-12-07.csv');
    expect(exportFileName('  ..hidden\tname.. ', 'Shot', '2026-12-07')).toBe('hidden name shots 2026-12-07.csv');
    expect(exportFileName('***', 'Asset', '2026-12-07')).toBe('Production assets 2026-12-07.csv');
    expect(exportFileName(undefined, 'Shot', '2026-12-07')).toBe('Production shots 2026-12-07.csv');
  });

  it('takes the day in the person’s time zone, and the browser’s for an unknown zone', () => {
    const lateEvening = new Date('2026-12-07T23:30:00Z');
    expect(dayIn(lateEvening, 'UTC')).toBe('2026-12-07');
    expect(dayIn(lateEvening, 'Europe/Paris')).toBe('2026-12-08');
    expect(dayIn(lateEvening, 'America/Los_Angeles')).toBe('2026-12-07');
    expect(dayIn(lateEvening, 'Not/A_Zone')).toBe(dayIn(lateEvening));
  });
});
