/**
 * Badge status for staff: finding a member, their status page (steps, window, timeline, manager
 * forms, citing), and the member's own "My badge" page. A manager's correction or award that is
 * refused comes back as the same page with the form filled in and the reason beside the field.
 */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import {
  Actor, canCiteBadgeStatus, canCorrectBadgeRecord, canLookUpBadgeStatus, canViewBadgeStatus, ensure,
} from '../policies';
import { presentBadgeEvents, presentBadgeStatus, presentLookupResults, presentPolicy, TIER_CHOICES } from '../presenters/badges';
import { badgeLookupUrl, citeReplyUrl } from '../presenters/badgeUrls';
import { timeView } from '../presenters/forum';
import { presentAuthor } from '../presenters/members';
import { badgeProfile, badgeProfileByUsername, findMembersByPrefix, threadsToCiteIn } from '../services/badges/lookup';
import { currentPolicy } from '../services/badges/policy';
import { correctRecord, setBadgeAwarded } from '../services/badges/records';
import { tierLabel } from '../services/badges/terms';
import { getMemberByUsername } from '../services/members';
import { getThread } from '../services/threads';
import { awardForm, citeForm, correctionForm, lookupQuery } from '../validation/badges';
import { parseForm, refillableValues } from '../validation/forms';

type FormState = { values: Record<string, string>; errors: Record<string, string> };

interface MemberPageForms {
  correction?: FormState;
  award?: FormState;
  cite?: FormState;
}

const CORRECTION_FIELDS = ['tier', 'invitedAt', 'idState', 'idCompletedAt', 'idMethod', 'webcamState', 'webcamCompletedAt', 'webcamMethod', 'reason'];
const SAVED: Record<string, string> = {
  correction: 'The record is corrected.',
  award: 'The badge is awarded.',
  revoke: 'The badge is revoked.',
};

/** A Date as an <input type="datetime-local"> value, in UTC. */
const inputTime = (date: Date | null) => (date ? date.toISOString().slice(0, 16) : '');

export function createBadgeLookupController(db: Database) {
  async function renderMemberPage(req: Request, res: Response, status: number, forms: MemberPageForms = {}): Promise<void> {
    const now = new Date();
    const profile = await badgeProfileByUsername(db, String(req.params.username), now);
    const { member, record } = profile;
    const selectedThread = typeof req.query.thread === 'string' ? req.query.thread : '';
    const threadQuery = lookupQuery(req.query.q);
    const saved = typeof req.query.saved === 'string' ? SAVED[req.query.saved] ?? null : null;
    res.status(status).render('badges/member', {
      title: `Badge status of ${member.displayName}`,
      member: presentAuthor(member),
      status: presentBadgeStatus(profile.status, now),
      record: record ? { tier: tierLabel(record.tier), invitedAt: record.invitedAt ? timeView(record.invitedAt) : null, awarded: Boolean(record.awardedAt) } : null,
      policy: presentPolicy(profile.policy),
      events: presentBadgeEvents(profile.events, now),
      permalink: badgeLookupUrl(member.username),
      threads: await threadsToCiteIn(db, { limit: 20, memberId: member.id, query: threadQuery }),
      threadQuery,
      tierChoices: TIER_CHOICES,
      saved,
      forms: {
        correction: forms.correction ?? {
          values: {
            tier: record?.tier ?? 'none', invitedAt: inputTime(record?.invitedAt ?? null),
            idState: record?.idState ?? 'not_started', idCompletedAt: inputTime(record?.idCompletedAt ?? null), idMethod: record?.idMethod ?? '',
            webcamState: record?.webcamState ?? 'not_started', webcamCompletedAt: inputTime(record?.webcamCompletedAt ?? null), webcamMethod: record?.webcamMethod ?? '',
            reason: '',
          },
          errors: {},
        },
        award: forms.award ?? { values: { reason: '' }, errors: {} },
        cite: forms.cite ?? { values: { thread: selectedThread, threadId: '' }, errors: {} },
      },
    });
  }

  return {
    async search(req: Request, res: Response): Promise<void> {
      ensure(canLookUpBadgeStatus(res.locals.actor));
      const query = lookupQuery(req.query.q);
      const now = new Date();
      const [members, policy] = await Promise.all([findMembersByPrefix(db, query), currentPolicy(db)]);
      res.render('badges/lookup', { title: 'Badge lookup', query, results: presentLookupResults(members, policy, now) });
    },

    async member(req: Request, res: Response): Promise<void> {
      ensure(canLookUpBadgeStatus(res.locals.actor));
      await renderMemberPage(req, res, 200);
    },

    /** The no-JavaScript way to open a chosen thread's reply form with the citation in it. */
    async cite(req: Request, res: Response): Promise<void> {
      ensure(canCiteBadgeStatus(res.locals.actor));
      const member = await getMemberByUsername(db, String(req.params.username));
      try {
        const { threadId } = parseForm(citeForm, req.query);
        const thread = await getThread(db, threadId).catch((error: unknown) => {
          throw error instanceof NotFoundError ? new ValidationError({ threadId: `There is no thread number ${threadId}.` }) : error;
        });
        res.redirect(303, citeReplyUrl(thread.id, member.username));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderMemberPage(req, res, 422, { cite: { values: refillableValues(req.query, ['thread', 'threadId']), errors: error.fieldErrors } });
      }
    },

    async correct(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canCorrectBadgeRecord(actor));
      const member = await getMemberByUsername(db, String(req.params.username));
      try {
        const { change, reason } = parseForm(correctionForm, req.body);
        await correctRecord(db, { memberId: member.id, actorId: actor.memberId!, reason, change });
        res.redirect(303, `${badgeLookupUrl(member.username)}?saved=correction`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderMemberPage(req, res, 422, { correction: { values: refillableValues(req.body, CORRECTION_FIELDS), errors: error.fieldErrors } });
      }
    },

    async award(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canCorrectBadgeRecord(actor));
      const member = await getMemberByUsername(db, String(req.params.username));
      try {
        const { outcome, reason } = parseForm(awardForm, req.body);
        await setBadgeAwarded(db, { memberId: member.id, actorId: actor.memberId!, reason, awarded: outcome === 'award' });
        res.redirect(303, `${badgeLookupUrl(member.username)}?saved=${outcome}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderMemberPage(req, res, 422, { award: { values: refillableValues(req.body, ['reason']), errors: error.fieldErrors } });
      }
    },

    /** "My badge": the signed-in member's own status, and only theirs. */
    async mine(req: Request, res: Response): Promise<void> {
      const member = req.user!;
      ensure(canViewBadgeStatus(res.locals.actor, member));
      const now = new Date();
      const profile = await badgeProfile(db, member, now);
      res.render('badges/mine', {
        title: 'My badge',
        status: presentBadgeStatus(profile.status, now),
        policy: presentPolicy(profile.policy),
      });
    },
  };
}
