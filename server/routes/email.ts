/** Email routes: address confirmation, password reset, unsubscribe, the email settings, /dev/mail. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createPasswordResetThrottle } from '../auth/passwordResetThrottle';
import { createDevMailController } from '../controllers/devMailController';
import { createEmailController } from '../controllers/emailController';
import { createPasswordResetController } from '../controllers/passwordResetController';
import { requireSignIn } from '../middleware/requireSignIn';
import type { AccountDeps } from '../services/accounts';

/** The RFC 8058 one-click POST: mounted before the session and CSRF check (see emailController). */
export function emailOneClickRoutes(db: Database, config: Config): Router {
  const email = createEmailController(db, config);
  const router = Router();
  router.post('/email/unsubscribe', email.unsubscribe);
  return router;
}

export function emailRoutes(deps: AccountDeps, config: Config): Router {
  const email = createEmailController(deps.db, config);
  const reset = createPasswordResetController(deps, createPasswordResetThrottle(deps.db, config));
  const router = Router();
  router.get('/email/verify', email.verifyPage);
  router.post('/email/verify', email.verify);
  router.get('/email/unsubscribe', email.unsubscribePage);
  router.get('/email/unsubscribed', email.unsubscribedPage);
  router.get('/password/forgot', reset.forgotPage);
  router.post('/password/forgot', reset.forgot);
  router.get('/password/reset', reset.resetPage);
  router.post('/password/reset', reset.reset);
  // Before the settings routes of routes/accounts.ts, which render the section this loads.
  router.get('/settings', requireSignIn, email.loadSettings);
  router.post('/settings/profile', requireSignIn, email.loadSettings);
  router.post('/settings/password', requireSignIn, email.loadSettings);
  router.post('/settings/email', requireSignIn, email.changeAddress);
  router.post('/settings/email-preferences', requireSignIn, email.savePreferences);
  if (config.env === 'development') {
    const devMail = createDevMailController(config);
    router.get('/dev/mail', devMail.list);
    router.get('/dev/mail/:file', devMail.raw);
  }
  return router;
}
