/**
 * One scrape for the whole cluster. The primary does not serve HTTP, so a worker that receives
 * GET /metrics asks the primary over IPC; the primary's AggregatorRegistry (prom-client) collects
 * every worker's registry and sums them (event-loop lag is averaged) and sends the text back.
 * Outside a cluster the process's own registry is the answer.
 */
import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';

const REQUEST = 'forum:metrics-request';
const RESPONSE = 'forum:metrics-response';
const TIMEOUT_MS = 5_000;

interface MetricsMessage {
  type?: string;
  id?: number;
  text?: string;
  error?: string;
}

/** In the primary: answers workers' requests for the aggregated metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsMessage) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, text }),
      (error: Error) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, error: error.message }),
    );
  });
}

let nextId = 0;

/**
 * In a worker, at start: offers this registry to the primary's collection. Every worker must do
 * it before any scrape, or the primary waits for an answer that never comes.
 */
export function joinClusterMetrics(registry: Registry): void {
  if (!cluster.isWorker) return;
  // Constructing one installs prom-client's worker-side listener for the primary's requests.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** The metrics text to serve: the whole cluster's from a worker, this process's otherwise. */
export async function metricsText(registry: Registry): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const onMessage = (message: MetricsMessage) => {
      if (message?.type !== RESPONSE || message.id !== id) return;
      finish();
      if (typeof message.text === 'string') resolve(message.text);
      else reject(new Error(message.error ?? 'the primary sent no metrics'));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error('the primary did not answer the metrics request'));
    }, TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    process.send!({ type: REQUEST, id });
  });
}
