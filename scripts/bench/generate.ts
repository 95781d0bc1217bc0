/**
 * A synthetic forum for the benchmark: members, threads and posts written with multi-row INSERTs
 * in large transactions (the services would take an hour for 200,000 posts). Post HTML is built
 * from plain sentences, exactly what the markdown pipeline makes of them. Counters are set as the
 * posting service would leave them.
 */
import type { Database } from '../../server/db';
import { escapeHtml } from '../../server/markdown';
import { createPasswordHasher } from '../../server/services/passwords';
import type { SignedInForum } from './generateSignedIn';
import { insertRows } from './insertRows';

export interface ForumShape {
  posts: number;
  threads: number;
  megathreadPosts: number;
  members: number;
}

export interface GeneratedForum {
  megathread: { id: number; slug: string; posts: number };
  typicalThread: { id: number; slug: string };
  boardSlug: string;
  boardPages: number;
  benchUser: { username: string; password: string };
  /** A moderator, for the staff pages (the questions queue, the rollout dashboard). */
  staffUser: { username: string; password: string };
  /**
   * What the member and staff pages read (a conversation, a draft, a held post...), written by
   * generateSignedIn.ts right after the forum; absent from a forum kept before it existed.
   */
  signedIn?: SignedInForum;
}

// The vocabulary, most frequent first. Word r is used with probability proportional to 1/r (Zipf's
// law, as in real text): function words fill most of every sentence, the forum's topic words come
// next, and a long tail of rarer words (made-up but pronounceable, so none is a misspelling of a
// real one) makes most words match only a few posts, as on a real forum.
const FUNCTION_WORDS = (
  'the to and a i of it is my for in that you on this have was with but not be are me so can we do if or ' +
  'just at they from what as all get will an no there when any has been would about one your out up still how ' +
  'now did after like some more also am same because only then even them their had our which who should could ' +
  'here time know got way back again since over than why very new other its into does make see thanks help ' +
  'please sure think day last first never still much really well before yet each many those these where being ' +
  'while most both through off down too own few again ago until every another around without something anyone'
).split(' ');

const TOPIC_WORDS = (
  'badge webcam verification identity verified invitation rollout freelancer profile top rated client review ' +
  'agent team support video call government id passport upload document waiting hours days expected window ' +
  'status account payment contract proposal connects feedback rating community moderator manager question ' +
  'answer update notification email settings browser camera microphone lighting selfie photo appeal reject ' +
  'approve pending queue delay weekend region country tier eligible method legacy elance upwork marketplace ' +
  'ticket issue problem error screen button page link message reply thread post forum staff official answer ' +
  'week month year today yesterday morning evening minute second schedule session attempt retry failed success ' +
  'approved rejected denied confirmed received submitted completed started finished requested scheduled ' +
  'license card bank withdrawal fee invoice earnings hourly fixed price milestone escrow dispute refund ' +
  'job project work skill portfolio title overview experience level talent specialist agency member ' +
  'phone mobile app desktop laptop windows chrome firefox safari android iphone cache cookie password ' +
  'security question login sign code authenticator device location address proof utility bill name spelling ' +
  'interview recording audio quality connection internet network speed lag frozen black blurry lost ' +
  'guide article help center policy terms rule requirement eligibility criteria reason explanation ' +
  'announcement change feature program beta test pilot launch phase wave batch group random selected'
).split(' ');

const SYLLABLE_ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'gr', 'pl', 'st', 'tr', 'sh', 'ch'];
const SYLLABLE_VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];
const SYLLABLE_CODAS = ['', '', 'n', 'r', 'l', 's', 'm', 'x'];
const VOCABULARY_SIZE = 4_000;
const ZIPF_EXPONENT = 1.0;

/** A deterministic pseudo-random generator, so every run builds the same forum. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function buildVocabulary(): string[] {
  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const words = [...new Set([...FUNCTION_WORDS, ...TOPIC_WORDS])];
  const known = new Set(words);
  while (words.length < VOCABULARY_SIZE) {
    const syllables = 2 + Math.floor(next() * 2);
    let word = '';
    for (let i = 0; i < syllables; i += 1) word += pick(SYLLABLE_ONSETS) + pick(SYLLABLE_VOWELS) + pick(SYLLABLE_CODAS);
    if (!known.has(word)) {
      known.add(word);
      words.push(word);
    }
  }
  return words;
}

const WORDS = buildVocabulary();
/** Cumulative Zipf weights: WORDS[i] is drawn when a uniform number falls below CUMULATIVE[i]. */
const CUMULATIVE = (() => {
  let sum = 0;
  const sums = WORDS.map((_, rank) => (sum += 1 / (rank + 1) ** ZIPF_EXPONENT));
  return sums.map((value) => value / sum);
})();

function zipfWord(next: () => number): string {
  const u = next();
  let low = 0;
  let high = CUMULATIVE.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (CUMULATIVE[middle] < u) low = middle + 1;
    else high = middle;
  }
  return WORDS[low];
}

export function sentence(next: () => number): string {
  const length = 6 + Math.floor(next() * 12);
  const words = Array.from({ length }, () => zipfWord(next));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

// Japanese sentences for every 20th post (5%), appended to its text from a generator of their
// own, so every post's English words are drawn exactly as before. 本人確認 (3+ characters, the
// trigram index) and 審査 (2, the newest-posts fallback) are the bench's CJK search words.
const JAPANESE_WORDS = '本人確認 審査 バッジ 書類 申請 承認 ビデオ通話 カメラ 設定 アカウント 時間 待っています 届きました まだ 今日 昨日'.split(' ');
const JAPANESE_POST_EVERY = 20;

function japaneseSentence(next: () => number): string {
  const length = 4 + Math.floor(next() * 6);
  return `${Array.from({ length }, () => JAPANESE_WORDS[Math.floor(next() * JAPANESE_WORDS.length)]).join('の')}。`;
}

function progressBar(label: string, done: number, total: number): void {
  const width = 30;
  // Clamped: the last batch can overshoot the total on small forums.
  const filled = Math.max(0, Math.min(width, Math.round((done / total) * width)));
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
  if (done >= total) process.stderr.write('\n');
}

/** The members columns the generated rows fill, in order (generateSignedIn.ts adds a few more members). */
export const MEMBER_COLUMNS = ['username', 'username_key', 'display_name', 'role', 'rank_title', 'member_since', 'is_private', 'post_count', 'password_hash', 'is_seeded', 'created_at', 'updated_at'];

export async function generateForum(db: Database, shape: ForumShape, now = new Date()): Promise<GeneratedForum> {
  const next = random(42);
  const nextJapanese = random(20);
  const board = (await db.models.Board.findOne({ where: { slug: 'identity-verification' } }))!;
  const otherBoard = (await db.models.Board.findOne({ where: { slug: 'general' } }))!;
  const passwords = createPasswordHasher(4);
  const benchUser = { username: 'benchreader', password: 'bench reader password' };
  const staffUser = { username: 'benchmod', password: 'bench moderator password' };

  // Members.
  const memberRows: unknown[][] = [];
  const memberSince = '2019-06-01';
  for (let i = 0; i < shape.members; i += 1) {
    const role = i % 100 === 0 ? 'moderator' : i % 25 === 0 ? 'guru' : 'contributor';
    memberRows.push([`bench${i}`, `bench${i}`, `Bench Member ${i}`, role, null, memberSince, false, 0, null, false, now, now]);
  }
  const benchHash = await passwords.hash(benchUser.password);
  memberRows.push([benchUser.username, benchUser.username, 'Bench Reader', 'contributor', null, memberSince, false, 0, benchHash, false, now, now]);
  memberRows.push([staffUser.username, staffUser.username, 'Bench Moderator', 'moderator', null, memberSince, false, 0, await passwords.hash(staffUser.password), false, now, now]);
  await db.writeTransaction((transaction) => insertRows(db, transaction, 'members', MEMBER_COLUMNS, memberRows));
  const firstMember = (await db.models.Member.findOne({ where: { usernameKey: 'bench0' } }))!.id;
  const memberId = () => firstMember + Math.floor(next() * shape.members);

  // Threads: one megathread, the rest share the remaining posts.
  const others = shape.threads - 1;
  const remaining = shape.posts - shape.megathreadPosts;
  const sizes = [shape.megathreadPosts, ...Array.from({ length: others }, (_, i) => Math.floor(remaining / others) + (i < remaining % others ? 1 : 0))];
  const spanMs = 90 * 86_400_000;
  const threadColumns = ['board_id', 'title', 'slug', 'author_id', 'post_count', 'last_post_number', 'last_post_at', 'last_poster_id', 'is_pinned', 'is_locked', 'created_at', 'updated_at'];
  const postColumns = ['thread_id', 'number', 'author_id', 'source', 'html', 'excerpt', 'created_at', 'updated_at', 'version'];

  let written = 0;
  let megathread: GeneratedForum['megathread'] | null = null;
  let typicalThread: GeneratedForum['typicalThread'] | null = null;
  progressBar('Generating posts', 0, shape.posts);
  for (let t = 0; t < sizes.length; t += 1) {
    const size = sizes[t];
    const title = t === 0 ? 'Megathread: Identity Verified badge status reports' : `${sentence(next).slice(0, -1)} (${t})`;
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
    const start = now.getTime() - spanMs + Math.floor(next() * spanMs * 0.5);
    const step = Math.max(1, Math.floor((now.getTime() - start) / (size + 1)));
    const authors = Array.from({ length: size }, memberId);
    const lastAt = new Date(start + step * size);
    await db.writeTransaction(async (transaction) => {
      await db.sequelize.query(
        `INSERT INTO threads (${threadColumns.join(', ')}) VALUES (${threadColumns.map(() => '?').join(', ')})`,
        { replacements: [t % 5 === 4 ? otherBoard.id : board.id, title, slug, authors[0], size, size, lastAt, authors[size - 1], false, false, new Date(start), lastAt], transaction },
      );
      const thread = (await db.models.Thread.findOne({ where: { slug, title }, attributes: ['id'], transaction }))!;
      const rows: unknown[][] = [];
      for (let n = 1; n <= size; n += 1) {
        const english = `${sentence(next)} ${sentence(next)}\n\n${sentence(next)}`;
        const source = n % JAPANESE_POST_EVERY === 3 ? `${english}\n\n${japaneseSentence(nextJapanese)}` : english;
        const html = source.split('\n\n').map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
        const at = new Date(start + step * n);
        rows.push([thread.id, n, authors[n - 1], source, html, source.replace(/\s+/g, ' ').slice(0, 280), at, at, 1]);
      }
      await insertRows(db, transaction, 'posts', postColumns, rows);
      if (t === 0) megathread = { id: thread.id, slug, posts: size };
      if (t === 1) typicalThread = { id: thread.id, slug };
    });
    written += size;
    if (t % 50 === 0 || t === sizes.length - 1) progressBar('Generating posts', written, shape.posts);
  }

  // Counters, as the posting service keeps them.
  process.stderr.write('Updating counters…\n');
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query(
      'UPDATE members SET post_count = (SELECT COUNT(*) FROM posts WHERE posts.author_id = members.id)',
      { transaction },
    );
    await db.sequelize.query(
      `UPDATE boards SET
         thread_count = (SELECT COUNT(*) FROM threads WHERE threads.board_id = boards.id),
         post_count = (SELECT COALESCE(SUM(post_count), 0) FROM threads WHERE threads.board_id = boards.id),
         last_thread_id = (SELECT id FROM threads WHERE threads.board_id = boards.id ORDER BY last_post_at DESC, id DESC LIMIT 1),
         last_post_at = (SELECT MAX(last_post_at) FROM threads WHERE threads.board_id = boards.id)`,
      { transaction },
    );
  });
  await generateQuestions(db);
  // Fresh statistics, as a database that grew gradually would have.
  await db.sequelize.query('ANALYZE');

  const threadsInBoard = await db.models.Thread.count({ where: { boardId: board.id } });
  return {
    megathread: megathread!,
    typicalThread: typicalThread!,
    boardSlug: board.slug,
    boardPages: Math.ceil(threadsInBoard / 20),
    benchUser,
    staffUser,
  };
}

/**
 * The staff desk's questions, set-based: every fifth post asks the team; half of those were
 * answered by the next post of their thread, and the rest wait in the queue.
 */
async function generateQuestions(db: Database): Promise<void> {
  process.stderr.write('Generating questions…\n');
  const epochOf = (column: string) => (db.dialect === 'postgres'
    ? `CAST(EXTRACT(EPOCH FROM ${column}) AS BIGINT)`
    : `CAST(strftime('%s', substr(${column}, 1, 19)) AS INTEGER)`);
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query(
      `INSERT INTO questions (post_id, thread_id, board_id, post_number, author_id, asked_at, asked_epoch, state, created_at, updated_at)
       SELECT p.id, p.thread_id, t.board_id, p.number, p.author_id, p.created_at, ${epochOf('p.created_at')}, 'open', p.created_at, p.created_at
       FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.number % 5 = 2
       ON CONFLICT (post_id) DO NOTHING`,
      { transaction },
    );
    await db.sequelize.query(
      `UPDATE questions SET state = 'answered',
         answered_by_post_id = (SELECT a.id FROM posts a WHERE a.thread_id = questions.thread_id AND a.number = questions.post_number + 1),
         answered_by_id = (SELECT a.author_id FROM posts a WHERE a.thread_id = questions.thread_id AND a.number = questions.post_number + 1),
         answered_at = (SELECT a.created_at FROM posts a WHERE a.thread_id = questions.thread_id AND a.number = questions.post_number + 1),
         wait_seconds = (SELECT ${epochOf('a.created_at')} FROM posts a WHERE a.thread_id = questions.thread_id AND a.number = questions.post_number + 1) - asked_epoch
       WHERE post_number % 10 = 2 AND state = 'open'
         AND EXISTS (SELECT 1 FROM posts a WHERE a.thread_id = questions.thread_id AND a.number = questions.post_number + 1)`,
      { transaction },
    );
  });
}
