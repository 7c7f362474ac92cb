import pg from 'pg';
import { EVENTS_CHANNEL } from '../events/event-bus.ts';

const RECONNECT_DELAY_MS = 1000;

interface Announcement {
  origin: string;
  ids: string[];
}

/**
 * Listens on the channel the writing transactions NOTIFY (event-bus.ts record) with a connection of
 * its own, and hands on the ids other processes wrote. A lost connection is reopened; events written
 * meanwhile are in the log, and clients that reconnect get them through replay.
 */
export class PostgresFanout {
  private client: pg.Client | undefined;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly ownOrigin: string,
    private readonly onIds: (ids: string[]) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => this.announce(message.payload));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private announce(payload: string | undefined): void {
    if (!payload) return;
    let announcement: Announcement;
    try {
      announcement = JSON.parse(payload) as Announcement;
    } catch {
      return;
    }
    // This process published its own events in-process, straight after commit.
    if (announcement.origin === this.ownOrigin || !Array.isArray(announcement.ids)) return;
    this.onIds(announcement.ids);
  }

  private reconnect(client: pg.Client): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    this.retryLater();
  }

  private retryLater(): void {
    setTimeout(() => {
      if (!this.stopped) this.start().catch(() => this.retryLater());
    }, RECONNECT_DELAY_MS).unref();
  }
}
