/** Staff routes: ETA notes and tracker, official answers, pins, locks, moves, hiding, the moderation log. */
import { Router } from 'express';
import type { Database } from '../db';
import { createEtaController } from '../controllers/etaController';
import { createModerationController } from '../controllers/moderationController';
import { requireSignIn } from '../middleware/requireSignIn';

export function staffRoutes(db: Database): Router {
  const eta = createEtaController(db);
  const moderation = createModerationController(db);
  const router = Router();
  router.post('/posts/:postId/eta', requireSignIn, eta.add);
  router.get('/posts/:postId/eta', eta.history);
  router.post('/eta/:noteId/close', requireSignIn, eta.close);
  router.get('/staff/eta', requireSignIn, eta.tracker);

  router.post('/t/:threadId/official', requireSignIn, moderation.markOfficial);
  router.post('/t/:threadId/official/remove', requireSignIn, moderation.unmarkOfficial);
  router.post('/t/:threadId/pin', requireSignIn, moderation.pin);
  router.post('/t/:threadId/unpin', requireSignIn, moderation.unpin);
  router.post('/t/:threadId/lock', requireSignIn, moderation.lock(true));
  router.post('/t/:threadId/unlock', requireSignIn, moderation.lock(false));
  router.post('/t/:threadId/move', requireSignIn, moderation.move);
  router.post('/t/:threadId/hide', requireSignIn, moderation.hideThread);
  router.post('/t/:threadId/restore', requireSignIn, moderation.restoreThread);
  router.post('/t/:threadId/title', requireSignIn, moderation.retitle);
  router.post('/posts/:postId/hide', requireSignIn, moderation.hide);
  router.post('/posts/:postId/restore', requireSignIn, moderation.restore);
  router.get('/staff/log', requireSignIn, moderation.log);
  return router;
}
