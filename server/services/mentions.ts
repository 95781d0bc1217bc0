/** Resolves the @names a post mentions to existing members, in one query, before rendering. */
import { Op } from 'sequelize';
import type { Database } from '../db';
import { mentionCandidates, type Mentionable } from '../markdown';

/** Members a post may mention, with their ids for notifications. */
export interface MentionableMembers extends Mentionable {
  idOf(key: string): number | undefined;
}

class MentionableMap extends Map<string, string> implements MentionableMembers {
  constructor(private readonly ids: Map<string, number>, entries: Array<[string, string]>) {
    super(entries);
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }
}

export async function loadMentionable(db: Database, source: string): Promise<MentionableMembers> {
  const candidates = mentionCandidates(source).slice(0, 50);
  if (candidates.length === 0) return new MentionableMap(new Map(), []);
  const members = await db.models.Member.findAll({
    where: { usernameKey: { [Op.in]: candidates } },
    attributes: ['id', 'username', 'usernameKey'],
  });
  return new MentionableMap(
    new Map(members.map((member) => [member.usernameKey, member.id])),
    members.map((member) => [member.usernameKey, member.username]),
  );
}
