/** Account routes: register, sign in, sign out, settings. */
import { Router } from 'express';
import type { ForumPassport } from '../auth/passport';
import type { RequestHandler } from 'express';
import { createAccountController } from '../controllers/accountController';
import { createSettingsController } from '../controllers/settingsController';
import { requireSignIn } from '../middleware/requireSignIn';
import type { AccountDeps } from '../services/accounts';

export function accountRoutes(deps: AccountDeps, passport: ForumPassport, signInLimiters: RequestHandler[]): Router {
  const accounts = createAccountController(deps, passport);
  const settings = createSettingsController(deps);
  const router = Router();
  router.get('/signin', accounts.signInPage);
  router.post('/signin', ...signInLimiters, accounts.signIn);
  router.get('/register', accounts.registerPage);
  router.post('/register', accounts.register);
  router.post('/signout', requireSignIn, accounts.signOut);
  router.get('/settings', requireSignIn, settings.page);
  router.post('/settings/profile', requireSignIn, settings.updateProfile);
  router.post('/settings/password', requireSignIn, settings.changePassword);
  return router;
}
