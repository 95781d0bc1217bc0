/** Account routes: register, sign in, sign out, settings. */
import { Router } from 'express';
import type { ForumPassport } from '../auth/passport';
import type { RequestHandler } from 'express';
import type { RegistrationThrottle } from '../auth/registrationThrottle';
import { createAccountController } from '../controllers/accountController';
import { createSettingsController } from '../controllers/settingsController';
import { requireSignIn } from '../middleware/requireSignIn';
import type { AccountDeps } from '../services/accounts';

export interface AccountThrottles {
  /** Runs before the sign-in handler: refuses with 429 once an address or (account, address) has failed too often. */
  signIn: RequestHandler;
  /** Asked by the registration handler once the form is valid, before the password is hashed. */
  registration: RegistrationThrottle;
}

export function accountRoutes(deps: AccountDeps, passport: ForumPassport, throttles: AccountThrottles): Router {
  const accounts = createAccountController(deps, passport, throttles.registration);
  const settings = createSettingsController(deps);
  const router = Router();
  router.get('/signin', accounts.signInPage);
  router.post('/signin', throttles.signIn, accounts.signIn);
  router.get('/register', accounts.registerPage);
  router.post('/register', accounts.register);
  router.post('/signout', requireSignIn, accounts.signOut);
  router.get('/settings', requireSignIn, settings.page);
  router.post('/settings/profile', requireSignIn, settings.updateProfile);
  router.post('/settings/password', requireSignIn, settings.changePassword);
  return router;
}
