/** Kudos, accepted solutions, the rank ladder and Q&A boards. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createKudosController } from '../controllers/kudosController';
import { createRanksController } from '../controllers/ranksController';
import { requireSignIn } from '../middleware/requireSignIn';

export function kudosRoutes(db: Database, config: Config): Router {
  const kudos = createKudosController(db, config);
  const ranks = createRanksController(db);
  const router = Router();
  router.get('/posts/:postId/kudos', kudos.givers);
  router.post('/posts/:postId/kudos', requireSignIn, kudos.give);
  router.post('/t/:threadId/solution', requireSignIn, kudos.accept);
  router.get('/staff/ranks', requireSignIn, ranks.ladder);
  router.post('/staff/ranks', requireSignIn, ranks.saveLadder);
  router.post('/b/:boardSlug/qa', requireSignIn, ranks.markQa);
  return router;
}
