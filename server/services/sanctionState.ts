/**
 * Whether a member is silenced or suspended right now, read from the member row that is loaded
 * for every request (members.silenced_until / suspended_until). Pure, so the actor loader, the
 * sign-in check and the tests agree. "Indefinitely" is stored as a far-future end.
 */
import type { Member } from '../../models';

/** The stored end of an indefinite sanction: far enough that no real end reaches it. */
export const INDEFINITE_END = new Date('9999-12-31T00:00:00.000Z');

export function isIndefinite(until: Date): boolean {
  return until.getTime() >= INDEFINITE_END.getTime();
}

type SanctionColumns = Pick<Member, 'silencedUntil' | 'silenceReason' | 'suspendedUntil' | 'suspendReason'>;

export function activeSilence(member: SanctionColumns, now: Date): { until: Date; indefinite: boolean; reason: string } | null {
  const until = member.silencedUntil;
  if (!until || until.getTime() <= now.getTime()) return null;
  return { until, indefinite: isIndefinite(until), reason: member.silenceReason ?? 'no reason given' };
}

export function isSuspended(member: SanctionColumns, now: Date): boolean {
  return Boolean(member.suspendedUntil && member.suspendedUntil.getTime() > now.getTime());
}

/** What a suspended member is told when sign-in is refused: why, and until when. */
export function suspensionNotice(member: SanctionColumns, now: Date, formatTime: (date: Date) => string): string | null {
  if (!isSuspended(member, now)) return null;
  const until = isIndefinite(member.suspendedUntil!) ? 'until a Community Manager lifts it' : `until ${formatTime(member.suspendedUntil!)}`;
  return `Your account is suspended ${until}: ${member.suspendReason ?? 'no reason given'}.`;
}
