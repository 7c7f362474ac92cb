/**
 * Mentions in a comment text (§6.1 step 3): `@First Last` for a member of the project team, `@Name`
 * for a department, each followed by a space or the end of the text.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const mentions = (text: string, name: string) => name.length > 0 && new RegExp(`@${escapeRegExp(name)}( |$)`).test(text);

export function findPersonMentions(text: string, team: Array<{ id: string; first_name: string; last_name: string }>): string[] {
  const ids = team.filter((person) => mentions(text, `${person.first_name} ${person.last_name}`.trim())).map((person) => person.id);
  return [...new Set(ids)];
}

export function findDepartmentMentions(text: string, departments: Array<{ id: string; name: string }>): string[] {
  return departments.filter((department) => mentions(text, department.name)).map((department) => department.id);
}

/** Words written `#word` (letters only, case-insensitive); `#all` stands for every other task. */
export function findHashtags(text: string): string[] {
  const tags = [...text.matchAll(/#([a-zA-Z]*)/g)].map((match) => (match[1] ?? '').toLowerCase()).filter((tag) => tag.length > 0);
  return tags.includes('all') ? ['all'] : [...new Set(tags)];
}
