/** Reads a Server-Sent Events stream over plain HTTP, as EventSource would, for tests and the bench. */
import http from 'node:http';

export interface ReceivedEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface EventStreamClient {
  status: number;
  events: ReceivedEvent[];
  /** Raw text received, heartbeat comments included. */
  text: () => string;
  /** Resolves when an event matching the predicate has arrived (or rejects after timeoutMs). */
  waitFor(predicate: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  ended: Promise<void>;
  close(): void;
}

export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      let raw = '';
      let buffer = '';
      const events: ReceivedEvent[] = [];
      const waiters: Array<() => void> = [];
      let endResolve: () => void = () => undefined;
      const ended = new Promise<void>((done) => { endResolve = done; });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: ReceivedEvent = { id: null, event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') { event.data += value; hasData = true; }
          }
          if (hasData) events.push(event);
        }
        for (const waiter of [...waiters]) waiter();
      });
      res.on('end', () => endResolve());
      res.on('close', () => endResolve());
      resolve({
        status: res.statusCode ?? 0,
        events,
        text: () => raw,
        ended,
        waitFor(predicate, timeoutMs = 10_000) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = events.find(predicate);
              if (found) {
                clearTimeout(timer);
                waiters.splice(waiters.indexOf(check), 1);
                done(found);
              }
            };
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(check), 1);
              fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
            }, timeoutMs);
            waiters.push(check);
            check();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
