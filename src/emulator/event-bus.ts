/**
 * @module
 * The emulator's event bus: notification events (detail events, presence…) fanned out to the
 * in-process subscribers of an org (the notification hub, the runtime's bus source, tests).
 */
import type { NotificationEvent } from '../core/index.ts';

/** A subscriber of an org's notification events. */
export type EventListener = (event: NotificationEvent) => void;

/** Fan-out of notification events (detail events, presence…) to in-process subscribers. */
export class EventBus {
  #listeners = new Map<string, Set<EventListener>>();

  /** Subscribe to every event of an org; returns the unsubscribe function. */
  subscribe(orgId: string, listener: EventListener): () => void {
    let set = this.#listeners.get(orgId);
    if (!set) this.#listeners.set(orgId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Deliver an event; a throwing listener never stops the others. */
  publish(orgId: string, event: NotificationEvent): void {
    for (const l of this.#listeners.get(orgId) ?? []) {
      try {
        l(event);
      } catch {
        // A subscriber's failure is its own; delivery to the others goes on.
      }
    }
  }
}
