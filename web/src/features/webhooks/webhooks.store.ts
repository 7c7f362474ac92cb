import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CreateWebhookBody, UpdateWebhookBody } from '@contracts/webhooks.schema.ts';
import { messageOf } from '@/lib/http';
import { useToastsStore } from '@/features/shell/toasts.store';
import * as api from './webhooks.api';
import type { Webhook, WebhookDelivery, WebhookWithSecret } from './webhooks.api';

const PAGE_SIZE = 20;

/** The studio's webhooks and the delivery log of the one an admin looks at. */
export const useWebhooksStore = defineStore('webhooks', () => {
  const toasts = useToastsStore();
  const hooks = shallowRef<Webhook[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const logOf = ref<string | null>(null);
  const deliveries = shallowRef<WebhookDelivery[]>([]);
  const nextBefore = ref<string | null>(null);
  const deliveriesLoading = ref(false);
  const deliveriesError = ref<string | null>(null);

  const replace = (hook: Webhook) => {
    hooks.value = hooks.value.map((existing) => (existing.id === hook.id ? hook : existing));
  };
  const withoutSecret = ({ secret: _secret, ...hook }: WebhookWithSecret): Webhook => hook;

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      hooks.value = await api.fetchWebhooks();
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  /** Registers a hook; the answer's secret is for the caller to show once, never kept here. */
  async function create(body: CreateWebhookBody): Promise<WebhookWithSecret> {
    const created = await api.createWebhook(body);
    hooks.value = [...hooks.value, withoutSecret(created)];
    return created;
  }

  async function update(id: string, body: UpdateWebhookBody): Promise<Webhook> {
    const updated = await api.updateWebhook(id, body);
    replace(updated);
    return updated;
  }

  /** Turns a hook on or off at once, and back with one message if the server refuses. */
  async function setActive(hook: Webhook, active: boolean): Promise<void> {
    replace({ ...hook, active });
    try {
      replace(await api.updateWebhook(hook.id, { active }));
    } catch (caught) {
      replace(hook);
      toasts.error(`The webhook to ${hook.url} was not turned ${active ? 'on' : 'off'}: ${messageOf(caught)}`);
    }
  }

  async function remove(id: string): Promise<void> {
    await api.deleteWebhook(id);
    hooks.value = hooks.value.filter((hook) => hook.id !== id);
    if (logOf.value === id) closeLog();
  }

  async function rotate(id: string): Promise<WebhookWithSecret> {
    const rotated = await api.rotateWebhookSecret(id);
    replace(withoutSecret(rotated));
    return rotated;
  }

  /** Opens (or refreshes) a hook's log at its newest page, or (`more`) adds the next older page. */
  async function loadDeliveries(id: string, options: { more?: boolean } = {}): Promise<void> {
    const more = options.more === true && logOf.value === id && nextBefore.value !== null;
    if (logOf.value !== id) {
      deliveries.value = [];
      nextBefore.value = null;
    }
    logOf.value = id;
    deliveriesLoading.value = true;
    deliveriesError.value = null;
    try {
      const page = await api.fetchDeliveries(id, { before: more ? nextBefore.value ?? undefined : undefined, limit: PAGE_SIZE });
      if (logOf.value !== id) return;
      deliveries.value = more ? [...deliveries.value, ...page.deliveries] : page.deliveries;
      nextBefore.value = page.next_before;
      if (!more) showLastDelivery(id, page.deliveries[0]);
    } catch (caught) {
      deliveriesError.value = messageOf(caught);
    } finally {
      deliveriesLoading.value = false;
    }
  }

  /** The list's "Last delivery" column follows what the log just read. */
  function showLastDelivery(id: string, newest: WebhookDelivery | undefined): void {
    const hook = hooks.value.find((existing) => existing.id === id);
    if (!hook || !newest) return;
    replace({ ...hook, last_delivery: { status: newest.status, response_status: newest.response_status, created_at: newest.created_at } });
  }

  function closeLog(): void {
    logOf.value = null;
    deliveries.value = [];
    nextBefore.value = null;
    deliveriesError.value = null;
  }

  /** Sends a logged delivery again: the new, pending delivery goes on top of the log. */
  async function redeliver(delivery: WebhookDelivery): Promise<void> {
    try {
      const again = await api.redeliver(delivery.webhook_id, delivery.id);
      if (logOf.value === delivery.webhook_id) deliveries.value = [again, ...deliveries.value];
      toasts.success(`${delivery.event_name} is being sent again.`);
    } catch (caught) {
      toasts.error(`The delivery was not sent again: ${messageOf(caught)}`);
    }
  }

  return {
    hooks, loading, error, load, create, update, setActive, remove, rotate,
    logOf, deliveries, nextBefore, deliveriesLoading, deliveriesError, loadDeliveries, closeLog, redeliver,
  };
});
