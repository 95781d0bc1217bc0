/** createApp(deps): middleware, routes and the error handler. Tests import this; only index.ts listens. */
import path from 'node:path';
import express, { Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config';
import { projectRoot } from './config';
import type { Database } from './db';
import { loadActor } from './middleware/actor';
import { errorHandler, notFound } from './middleware/errors';
import * as policies from './policies';
import { forumRoutes } from './routes/forum';
import { memberRoutes } from './routes/members';

export interface AppDependencies {
  db: Database;
  config: Pick<Config, 'env'>;
}

export function createApp({ db, config }: AppDependencies): Express {
  const app = express();
  const root = projectRoot();

  app.disable('x-powered-by');
  app.set('views', path.join(root, 'views'));
  app.set('view engine', 'ejs');
  if (config.env === 'production') app.set('view cache', true);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'https:', 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          // Only behind HTTPS: on plain-HTTP development hosts it would break every asset.
          upgradeInsecureRequests: config.env === 'production' ? [] : null,
        },
      },
    }),
  );
  app.use(
    '/public',
    express.static(path.join(root, 'public'), { maxAge: config.env === 'production' ? '1d' : 0, index: false }),
  );

  // Views see the policy predicates, so a control shows only where its route would allow it.
  app.locals.can = policies;
  app.use(loadActor);

  app.use(forumRoutes(db));
  app.use(memberRoutes(db));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
