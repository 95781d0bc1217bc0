/** Starts the email worker of an app process and stops it with the process (server/lifecycle). */
import type { Config } from '../config';
import type { Database } from '../db';
import type { Lifecycle } from '../lifecycle/shutdown';
import type { Logger } from '../observability/logger';
import { createMailSender } from './transport';
import { createEmailWorker, EmailWorker } from './worker';

export function startEmailWorker(deps: { db: Database; config: Config; logger: Logger; lifecycle: Lifecycle }): EmailWorker {
  const sender = createMailSender(deps.config);
  const worker = createEmailWorker({ db: deps.db, config: deps.config, sender, logger: deps.logger });
  worker.start();
  deps.lifecycle.onShutdown('email worker', async () => {
    await worker.stop();
    sender.close();
  });
  return worker;
}
