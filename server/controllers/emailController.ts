/** Email links and settings: confirming an address, unsubscribing, the email part of settings. */
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { emailKind } from '../email/kinds';
import { validUnsubscribeSignature } from '../email/signing';
import { DatabaseRateLimitStore, LimitRule, waitText } from '../auth/rateLimitStore';
import { presentEmailSettings } from '../presenters/emailSettings';
import { confirmAddress, memberAddress, requestAddressChange, verificationTokenUsable } from '../services/emailAddresses';
import { readEmailPreferences, saveEmailPreferences, unsubscribe } from '../services/emailPreferences';
import { emailChangeForm } from '../validation/accounts';
import { parseEmailPreferences } from '../validation/email';
import { parseForm, refillableValues } from '../validation/forms';

/** Confirmation emails one member may ask for per hour (each is a mail to any address typed). */
const ADDRESS_CHANGES: LimitRule = { prefix: 'email-change:', limit: 5, windowMs: 3_600_000, maxLockoutMs: 0 };

function tokenOf(value: unknown): string {
  return typeof value === 'string' && value.length <= 200 ? value : '';
}

interface UnsubscribeLink {
  memberId: number;
  kind: string;
  signature: string;
}

/** The signed link's parts, or null when anything is missing, unknown or not signed by us. */
function unsubscribeLinkOf(config: Config, query: Request['query']): UnsubscribeLink | null {
  const memberId = typeof query.m === 'string' && /^\d{1,10}$/.test(query.m) ? Number(query.m) : null;
  const kind = typeof query.k === 'string' ? query.k : '';
  const signature = typeof query.s === 'string' ? query.s : '';
  if (memberId === null || (kind !== 'digest' && !emailKind(kind))) return null;
  return validUnsubscribeSignature(config.sessionSecret, memberId, kind, signature) ? { memberId, kind, signature } : null;
}

export function createEmailController(db: Database, config: Config) {
  const limits = new DatabaseRateLimitStore(db);

  async function renderSettings(req: Request, res: Response, status: number, form: { values?: { email: string }; errors?: Record<string, string> }): Promise<void> {
    const member = req.user!;
    const email = presentEmailSettings(await memberAddress(db, member.id), await readEmailPreferences(db, member.id), form);
    res.status(status).render('accounts/settings', {
      title: 'Settings',
      profile: { values: { displayName: member.displayName, isPrivate: member.isPrivate }, errors: {} },
      password: { errors: {} },
      saved: null,
      email,
    });
  }

  return {
    /** Before the settings page (and its forms' refusals): the email section's view model. */
    async loadSettings(req: Request, res: Response, next: NextFunction): Promise<void> {
      const member = req.user!;
      res.locals.emailSettings = presentEmailSettings(await memberAddress(db, member.id), await readEmailPreferences(db, member.id));
      next();
    },

    async changeAddress(req: Request, res: Response): Promise<void> {
      const member = req.user!;
      const values = { email: refillableValues(req.body, ['email']).email ?? '' };
      try {
        const form = parseForm(emailChangeForm, req.body);
        const verdict = await limits.reserve(ADDRESS_CHANGES, DatabaseRateLimitStore.key(ADDRESS_CHANGES, String(member.id)));
        if (!verdict.allowed) {
          res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
          await renderSettings(req, res, 429, { values, errors: { email: `Too many confirmation emails were asked for. Try again in ${waitText(verdict.retryAfterSeconds)}.` } });
          return;
        }
        await requestAddressChange(db, member.id, form.email);
        res.redirect(303, '/settings?saved=email');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderSettings(req, res, 422, { values, errors: error.fieldErrors });
      }
    },

    async savePreferences(req: Request, res: Response): Promise<void> {
      try {
        await saveEmailPreferences(db, req.user!.id, parseEmailPreferences(req.body));
        res.redirect(303, '/settings?saved=email-preferences');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderSettings(req, res, 422, { errors: error.fieldErrors });
      }
    },

    /** The page a confirmation link opens: a button, since a GET (or a mail scanner) changes nothing. */
    async verifyPage(req: Request, res: Response): Promise<void> {
      const token = tokenOf(req.query.token);
      const usable = token !== '' && (await verificationTokenUsable(db, token));
      res.status(usable ? 200 : 410).render('email/verify', { title: 'Confirm your email address', token: usable ? token : '', usable, confirmed: false, reason: usable ? null : 'This link has expired or was already used. Ask for a new one in your settings.' });
    },

    async verify(req: Request, res: Response): Promise<void> {
      const result = await confirmAddress(db, tokenOf(req.body?.token));
      if (result.confirmed) {
        res.render('email/verify', { title: 'Email address confirmed', token: '', usable: false, confirmed: true, reason: null, address: result.address });
        return;
      }
      res.status(410).render('email/verify', { title: 'Confirm your email address', token: '', usable: false, confirmed: false, reason: result.reason });
    },

    unsubscribePage(req: Request, res: Response): void {
      const link = unsubscribeLinkOf(config, req.query);
      if (!link) {
        res.status(400).render('email/unsubscribe', { title: 'Unsubscribe', valid: false, done: false, action: '', what: null });
        return;
      }
      const query = new URLSearchParams({ m: String(link.memberId), k: link.kind, s: link.signature });
      const what = link.kind === 'digest' ? 'your daily digest' : emailKind(link.kind)!.label.toLowerCase();
      res.render('email/unsubscribe', { title: 'Unsubscribe', valid: true, done: false, action: `/email/unsubscribe?${query.toString()}`, what });
    },

    /**
     * RFC 8058 one-click: a mail client POSTs "List-Unsubscribe=One-Click" to the link, without
     * cookies; the signature in the link is the authority, so this route sits before the session
     * and CSRF check (a forger would need the signature, which only the member's mailbox holds).
     */
    async unsubscribe(req: Request, res: Response): Promise<void> {
      const link = unsubscribeLinkOf(config, req.query);
      if (!link) {
        res.status(400).type('text/plain').send('This unsubscribe link is not valid.');
        return;
      }
      const exists = await db.models.Member.count({ where: { id: link.memberId } });
      if (exists) await unsubscribe(db, link.memberId, link.kind);
      res.redirect(303, `/email/unsubscribed?k=${encodeURIComponent(link.kind)}`);
    },

    unsubscribedPage(req: Request, res: Response): void {
      const kind = typeof req.query.k === 'string' ? req.query.k : '';
      const what = kind === 'digest' ? 'your daily digest' : emailKind(kind)?.label.toLowerCase() ?? 'these emails';
      res.render('email/unsubscribe', { title: 'Unsubscribed', valid: true, done: true, action: '', what });
    },
  };
}
