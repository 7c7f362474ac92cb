import { messageOf } from '@/lib/http';

export interface CreateManyOutcome {
  created: string[];
  /** The first refusal, in the API's words turned readable by the http client. */
  failed: Array<{ name: string; error: string }>;
}

/**
 * Creates entities one after the other, in name order, so that a refusal stops nothing else and the
 * table fills in the order the coordinator typed. One request at a time: each also creates the
 * template tasks in its own transaction, and two at once would only wait on each other's locks.
 */
export async function createMany(names: string[], create: (name: string) => Promise<unknown>, onProgress?: (done: number) => void): Promise<CreateManyOutcome> {
  const outcome: CreateManyOutcome = { created: [], failed: [] };
  for (const name of names) {
    try {
      await create(name);
      outcome.created.push(name);
    } catch (caught) {
      outcome.failed.push({ name, error: messageOf(caught) });
    }
    onProgress?.(outcome.created.length + outcome.failed.length);
  }
  return outcome;
}

/** "3 of 5 shots were created; SH040: You don't have permission to do this." */
export function failureMessage(noun: string, names: number, outcome: CreateManyOutcome): string {
  const first = outcome.failed[0];
  if (!first) return '';
  const lead = outcome.created.length === 0 ? `No ${noun} was created` : `${outcome.created.length} of ${names} ${noun}s were created`;
  return `${lead}; ${first.name}: ${first.error}`;
}
