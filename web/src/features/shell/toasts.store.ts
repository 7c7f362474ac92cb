import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Toast {
  id: number;
  kind: 'error' | 'success' | 'info';
  message: string;
}

/** Transient messages: the one visible error of a rolled-back change, confirmations. */
export const useToastsStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number) {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function push(kind: Toast['kind'], message: string, timeoutMs = kind === 'error' ? 8000 : 3500): number {
    const id = nextId++;
    // The same message twice in a row (a failed bulk change) shows once.
    toasts.value = [...toasts.value.filter((toast) => toast.message !== message), { id, kind, message }].slice(-4);
    if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs);
    return id;
  }

  return {
    toasts,
    dismiss,
    error: (message: string) => push('error', message),
    success: (message: string) => push('success', message),
    info: (message: string) => push('info', message),
  };
});
