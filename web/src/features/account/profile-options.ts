/**
 * The choices of the profile page: time zones (the browser's list of IANA zones) and the languages
 * Zou knows a person by (its `locale` values).
 */

/** A handful of zones for a browser without Intl.supportedValuesOf (the list is only for choosing). */
const FALLBACK_ZONES = ['UTC', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'America/Montreal', 'Asia/Tokyo', 'Asia/Shanghai', 'Australia/Sydney'];

/** Every IANA time zone the browser knows, plus `current` when it is not among them (kept, not lost). */
export function timeZoneChoices(current?: string | null): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : FALLBACK_ZONES;
  const zones = supported.includes('UTC') ? [...supported] : ['UTC', ...supported];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** The languages of Zou's person.locale, each named in itself. */
export const LOCALES: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'en_US', label: 'English' },
  { id: 'fr_FR', label: 'Français' },
  { id: 'de_DE', label: 'Deutsch' },
  { id: 'es_ES', label: 'Español' },
  { id: 'it_IT', label: 'Italiano' },
  { id: 'pt_BR', label: 'Português (Brasil)' },
  { id: 'nl_NL', label: 'Nederlands' },
  { id: 'ja_JP', label: '日本語' },
  { id: 'ko_KR', label: '한국어' },
  { id: 'zh_Hans_CN', label: '中文（简体）' },
];

/** The locale choices, plus `current` when it is one this list does not name. */
export function localeChoices(current?: string | null): Array<{ id: string; label: string }> {
  return current && !LOCALES.some((locale) => locale.id === current) ? [{ id: current, label: current }, ...LOCALES] : [...LOCALES];
}

/** "14:05 on Monday" in a zone: shows what a zone means before it is saved. */
export function timeIn(zone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', weekday: 'long' }).format(now);
  } catch {
    return '';
  }
}
