/** How many recent event ids are remembered to recognise an event received twice. */
const REMEMBERED_IDS = 2_000;

/**
 * The newest event this tab has seen, which the live connection reconnects with so that the server
 * replays what was missed. Event ids are time-ordered UUIDs (the server compares them the same way),
 * so the newest is the greatest; an id already seen (a replay overlapping a live delivery) is refused.
 */
export class LastEventCursor {
  #last: string | null = null;
  readonly #seen = new Set<string>();

  get lastEventId(): string | null {
    return this.#last;
  }

  /** Records an event id; false when this id was already seen (the event must not be applied again). */
  see(id: unknown): boolean {
    if (typeof id !== 'string' || id === '') return true;
    const key = id.toLowerCase();
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    if (this.#seen.size > REMEMBERED_IDS) this.#seen.delete(this.#seen.values().next().value as string);
    if (this.#last === null || key > this.#last) this.#last = key;
    return true;
  }

  /** Forgets everything (sign-out: the next person starts from now). */
  clear(): void {
    this.#last = null;
    this.#seen.clear();
  }
}
