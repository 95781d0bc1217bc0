/** Resolves the @names a post mentions to existing members, in one query, before rendering. */
import { Op } from 'sequelize';
import type { Database } from '../db';
import { mentionCandidates, type Mentionable } from '../markdown';

export async function loadMentionable(db: Database, source: string): Promise<Mentionable> {
  const candidates = mentionCandidates(source).slice(0, 50);
  if (candidates.length === 0) return new Map();
  const members = await db.models.Member.findAll({
    where: { usernameKey: { [Op.in]: candidates } },
    attributes: ['username', 'usernameKey'],
  });
  return new Map(members.map((member) => [member.usernameKey, member.username]));
}
