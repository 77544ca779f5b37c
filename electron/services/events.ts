import type { EventName, EventPayload } from '../../shared/api';

type Listener = (event: EventName, payload: unknown) => void;

/** Fan-out of events (progress of long work) to whichever host is attached. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listen(listener: Listener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    emit(event, payload) {
      for (const l of listeners) l(event, payload);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
