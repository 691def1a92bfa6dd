// A minimal typed event emitter. It deliberately has no 'error' event semantics: Node's EventEmitter
// throws when 'error' has no listener, and routine link loss must never kill the station.

/** Told when a listener throws. Gets the event name and the error, never the event's arguments. */
export type ListenerErrorReporter = (event: string, error: unknown) => void;

export interface TypedEmitterOptions {
  /** Where a listener's exception goes; by default console.error with the event name and message. */
  onListenerError?: ListenerErrorReporter;
}

/**
 * The default report: the event name and the error's message only. Event arguments (dose records,
 * gun status) and stack traces are left out: they can carry patient-related data into a log file.
 */
export const reportListenerErrorToConsole: ListenerErrorReporter = (event, error) => {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'a non-Error value was thrown';
  console.error(`a listener for "${event}" failed: ${message}`);
};

export class TypedEmitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();
  private readonly reportListenerError: ListenerErrorReporter;

  constructor(options: TypedEmitterOptions = {}) {
    this.reportListenerError = options.onListenerError ?? reportListenerErrorToConsole;
  }

  on<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => this.off(event, listener);
  }

  once<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    const wrapped = ((...args: Parameters<Events[K]>) => {
      this.off(event, wrapped);
      (listener as (...a: Parameters<Events[K]>) => void)(...args);
    }) as unknown as Events[K];
    return this.on(event, wrapped);
  }

  off<K extends keyof Events>(event: K, listener: Events[K]): void {
    this.listeners.get(event)?.delete(listener);
  }

  protected emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        (l as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (err) {
        // A listener's bug must neither break the link's own state handling nor skip the listeners
        // after it. It is reported, never rethrown: emit runs inside the serial port's data handler,
        // where a rethrow (even from a microtask) is an uncaught exception that ends the process.
        this.report(String(event), err);
      }
    }
  }

  private report(event: string, err: unknown): void {
    try {
      this.reportListenerError(event, err);
    } catch {
      // A failing reporter must not become the uncaught exception this class exists to prevent.
    }
  }
}
