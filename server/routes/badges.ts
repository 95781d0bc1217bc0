/** Badge routes: the staff lookup and its manager forms, citing, the policy page, and "My badge". */
import { Router } from 'express';
import type { Database } from '../db';
import { createBadgeLookupController } from '../controllers/badgeLookupController';
import { createBadgePolicyController } from '../controllers/badgePolicyController';
import { requireSignIn } from '../middleware/requireSignIn';

export function badgeRoutes(db: Database): Router {
  const lookup = createBadgeLookupController(db);
  const policy = createBadgePolicyController(db);
  const router = Router();
  router.get('/badge', requireSignIn, lookup.mine);
  router.get('/staff/badge-policy', requireSignIn, policy.page);
  router.post('/staff/badge-policy', requireSignIn, policy.save);
  router.get('/staff/badges', requireSignIn, lookup.search);
  router.get('/staff/badges/:username', requireSignIn, lookup.member);
  router.get('/staff/badges/:username/cite', requireSignIn, lookup.cite);
  router.post('/staff/badges/:username/corrections', requireSignIn, lookup.correct);
  router.post('/staff/badges/:username/award', requireSignIn, lookup.award);
  return router;
}
