/** How long after the viewer changed a task its events are taken for the echo of that change. */
export const ECHO_WINDOW_MS = 1_500;

/**
 * The tasks this tab changed itself, and when. The server sends the viewer his own changes too; the
 * page already shows them (optimistically, then as the API confirmed), and reading such a task back
 * while the viewer is still at it could show an older state for a moment (a second status picked
 * before the first one's events came back). So a task changed here is read again only once the
 * window has passed: its echo then matches what the page shows and changes nothing, while a change
 * someone else made meanwhile still arrives.
 */
export class EchoLedger {
  readonly #changedAt = new Map<string, number>();

  constructor(private readonly windowMs = ECHO_WINDOW_MS, private readonly now: () => number = Date.now) {}

  /** The tab changed this task (announced by the page that made the change). */
  noteOwnChange(taskId: string): void {
    this.#changedAt.set(taskId, this.now());
  }

  /** Milliseconds left before the task's events may be applied: 0 when it was not changed here lately. */
  waitFor(taskId: string): number {
    const at = this.#changedAt.get(taskId);
    if (at === undefined) return 0;
    const left = at + this.windowMs - this.now();
    if (left > 0) return left;
    this.#changedAt.delete(taskId);
    return 0;
  }

  clear(): void {
    this.#changedAt.clear();
  }
}
