import type { EventName, EventPayload } from '../../shared/api';

type Listener = (event: EventName, payload: unknown) => void;

/** Fan-out of events (progress of long work) to whichever host is attached. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listen(listener: Listener): () => void;
  /**
   * A name for one run of long work (`order-upload-7-3`), unique in this
   * process: the renderer tells two runs apart by it and finds its own by
   * the prefix.
   */
  taskId(prefix: string): string;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  let runs = 0;
  return {
    emit(event, payload) {
      for (const l of listeners) l(event, payload);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    taskId(prefix) {
      runs += 1;
      return `${prefix}-${runs}`;
    },
  };
}
