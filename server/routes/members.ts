/** Member routes: profiles and role changes. */
import { Router } from 'express';
import type { Database } from '../db';
import { createMemberController, renderProfile } from '../controllers/memberController';
import { createStaffFileController } from '../controllers/staffFile';
import { requireSignIn } from '../middleware/requireSignIn';

export function memberRoutes(db: Database): Router {
  const members = createMemberController(db);
  const router = Router();
  router.get('/u/:username', members.profile);
  router.post('/u/:username/role', requireSignIn, members.changeRole);
  // Sanctions and staff notes (server/controllers/staffFile.ts).
  const staffFile = createStaffFileController(db, (res, member, status, rejected) => renderProfile(db, res, member, status, undefined, rejected));
  router.post('/u/:username/silence', requireSignIn, staffFile.silence);
  router.post('/u/:username/suspend', requireSignIn, staffFile.suspend);
  router.post('/u/:username/sanctions/:sanctionId/lift', requireSignIn, staffFile.lift);
  router.post('/u/:username/notes', requireSignIn, staffFile.addNote);
  return router;
}
