/**
 * What a stopping process must close besides the HTTP server and the database: timers, open
 * event streams, background workers. Each part registers a closer when it starts (the session
 * store's expiry timer now; SSE streams and the email outbox worker when they arrive), and
 * index.ts calls closeAll() on SIGTERM after the server stops accepting. While stopping, the
 * readiness check answers 503 so a load balancer sends nothing new.
 */

export type Closer = () => void | Promise<void>;

export interface Lifecycle {
  /** Adds something to close on shutdown; closers run concurrently, each at most once. */
  onShutdown(name: string, close: Closer): void;
  /** True from the first shutdown signal on. */
  readonly stopping: boolean;
  /** Marks the process as stopping and runs every closer; a failing closer does not stop the others. */
  closeAll(): Promise<Array<{ name: string; error: unknown }>>;
}

export function createLifecycle(): Lifecycle {
  const closers = new Map<string, Closer>();
  let stopping = false;
  let closing: Promise<Array<{ name: string; error: unknown }>> | null = null;
  return {
    onShutdown(name, close) {
      if (closers.has(name)) throw new Error(`a closer named "${name}" is already registered`);
      closers.set(name, close);
    },
    get stopping() {
      return stopping;
    },
    closeAll() {
      stopping = true;
      closing ??= Promise.all(
        [...closers].map(async ([name, close]) => {
          try {
            await close();
            return null;
          } catch (error) {
            return { name, error };
          }
        }),
      ).then((results) => results.filter((result): result is { name: string; error: unknown } => result !== null));
      return closing;
    },
  };
}
