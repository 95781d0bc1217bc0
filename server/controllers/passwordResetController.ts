/** "Forgot password": asking for a reset link, and choosing a new password with it. */
import type { Request, Response } from 'express';
import type { PasswordResetThrottle } from '../auth/passwordResetThrottle';
import { waitText } from '../auth/rateLimitStore';
import { ValidationError } from '../errors';
import type { AccountDeps } from '../services/accounts';
import { requestPasswordReset, resetPassword, resetTokenUsable, RESET_LINK_UNUSABLE } from '../services/passwordReset';
import { passwordResetForm, passwordResetRequestForm } from '../validation/accounts';
import { parseForm, refillableValues } from '../validation/forms';

/** The same answer whether or not the address belongs to anyone. */
const SENT = 'If that address belongs to an account with a confirmed email address, a reset link is on its way. It works once, for 1 hour.';

function tokenOf(value: unknown): string {
  return typeof value === 'string' && value.length <= 200 ? value : '';
}

export function createPasswordResetController(deps: AccountDeps, throttle: PasswordResetThrottle) {
  return {
    forgotPage(_req: Request, res: Response): void {
      res.render('email/forgot', { title: 'Forgot your password?', values: { email: '' }, errors: {}, sent: null });
    },

    async forgot(req: Request, res: Response): Promise<void> {
      const values = { email: refillableValues(req.body, ['email']).email ?? '' };
      try {
        const form = parseForm(passwordResetRequestForm, req.body);
        const verdict = await throttle(req, form.email);
        if (!verdict.allowed) {
          res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
          res.status(429).render('email/forgot', { title: 'Forgot your password?', values, errors: { form: `Too many reset links were asked for. Try again in ${waitText(verdict.retryAfterSeconds)}.` }, sent: null });
          return;
        }
        await requestPasswordReset(deps.db, form.email);
        res.render('email/forgot', { title: 'Forgot your password?', values: { email: '' }, errors: {}, sent: SENT });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        res.status(422).render('email/forgot', { title: 'Forgot your password?', values, errors: error.fieldErrors, sent: null });
      }
    },

    async resetPage(req: Request, res: Response): Promise<void> {
      const token = tokenOf(req.query.token);
      const usable = token !== '' && (await resetTokenUsable(deps.db, token));
      res.status(usable ? 200 : 410).render('email/reset', { title: 'Choose a new password', token: usable ? token : '', errors: usable ? {} : { form: RESET_LINK_UNUSABLE } });
    },

    async reset(req: Request, res: Response): Promise<void> {
      const token = tokenOf(req.body?.token);
      try {
        const form = parseForm(passwordResetForm, req.body);
        await resetPassword(deps, form.token, form.newPassword);
        res.redirect(303, '/signin?reset=1');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const unusable = error.fieldErrors.form === RESET_LINK_UNUSABLE;
        res.status(unusable ? 410 : 422).render('email/reset', { title: 'Choose a new password', token: unusable ? '' : token, errors: error.fieldErrors });
      }
    },
  };
}
