/** Member routes: profiles and role changes. */
import { Router } from 'express';
import type { Database } from '../db';
import { createMemberController } from '../controllers/memberController';
import { requireSignIn } from '../middleware/requireSignIn';

export function memberRoutes(db: Database): Router {
  const members = createMemberController(db);
  const router = Router();
  router.get('/u/:username', members.profile);
  router.post('/u/:username/role', requireSignIn, members.changeRole);
  return router;
}
