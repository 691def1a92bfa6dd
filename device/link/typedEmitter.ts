// A minimal typed event emitter. It deliberately has no 'error' event semantics: Node's EventEmitter
// throws when 'error' has no listener, and routine link loss must never kill the station.
export class TypedEmitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

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
        // A listener's bug must not break the link's own state handling; report it out of band.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
