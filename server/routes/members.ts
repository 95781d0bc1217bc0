/** Member routes: profiles. */
import { Router } from 'express';
import type { Database } from '../db';
import { createMemberController } from '../controllers/memberController';

export function memberRoutes(db: Database): Router {
  const members = createMemberController(db);
  const router = Router();
  router.get('/u/:username', members.profile);
  return router;
}
