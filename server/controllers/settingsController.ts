/** A member's own settings: display name, private profile, password. */
import type { Request, Response } from 'express';
import { ForbiddenError, ValidationError } from '../errors';
import { canChangeDisplayName } from '../policies';
import { AccountDeps, changePassword, updateProfileSettings } from '../services/accounts';
import { passwordChangeForm, profileSettingsForm } from '../validation/accounts';
import { parseForm, refillableValues } from '../validation/forms';

interface SettingsState {
  profile: { values: { displayName: string; isPrivate: boolean }; errors: Record<string, string> };
  password: { errors: Record<string, string> };
  saved: string | null;
}

function render(res: Response, status: number, state: SettingsState): void {
  // The email section is loaded by routes/email.ts before these handlers.
  res.status(status).render('accounts/settings', { title: 'Settings', ...state, email: res.locals.emailSettings ?? null });
}

const SAVED_MESSAGES: Record<string, string> = {
  profile: 'Your profile settings are saved.',
  password: 'Your password is changed. Your other sessions have been signed out.',
  email: 'Check your inbox: we sent a link to confirm the new address. Until then, your email settings stay as they were.',
  'email-preferences': 'Your email settings are saved.',
};

export function createSettingsController(deps: AccountDeps) {
  return {
    page(req: Request, res: Response): void {
      const member = req.user!;
      const saved = typeof req.query.saved === 'string' ? SAVED_MESSAGES[req.query.saved] ?? null : null;
      render(res, 200, {
        profile: { values: { displayName: member.displayName, isPrivate: member.isPrivate }, errors: {} },
        password: { errors: {} },
        saved,
      });
    },

    async updateProfile(req: Request, res: Response): Promise<void> {
      const member = req.user!;
      try {
        const form = parseForm(profileSettingsForm, req.body);
        const rename = canChangeDisplayName(res.locals.actor);
        if (form.displayName !== member.displayName && !rename.allowed) throw new ForbiddenError(rename.reason);
        await updateProfileSettings(deps.db, member.id, { displayName: form.displayName, isPrivate: form.isPrivate === 'on' });
        res.redirect(303, '/settings?saved=profile');
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof ForbiddenError)) throw error;
        const values = refillableValues(req.body, ['displayName']);
        const errors = error instanceof ValidationError ? error.fieldErrors : { displayName: error.publicMessage };
        render(res, error.status, {
          profile: { values: { displayName: values.displayName, isPrivate: req.body?.isPrivate === 'on' }, errors },
          password: { errors: {} },
          saved: null,
        });
      }
    },

    async changePassword(req: Request, res: Response): Promise<void> {
      const member = req.user!;
      try {
        const form = parseForm(passwordChangeForm, req.body);
        await changePassword(deps, member.id, {
          currentPassword: form.currentPassword,
          newPassword: form.newPassword,
          keepSessionId: req.sessionID,
        });
        res.redirect(303, '/settings?saved=password');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        render(res, 422, {
          profile: { values: { displayName: member.displayName, isPrivate: member.isPrivate }, errors: {} },
          password: { errors: error.fieldErrors },
          saved: null,
        });
      }
    },
  };
}
