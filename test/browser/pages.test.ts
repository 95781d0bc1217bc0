/**
 * Screenshots of the main pages at phone and desktop widths (saved in test-artifacts/screenshots),
 * each checked with axe-core: no serious or critical accessibility violation.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, rolloutThread } from '../helpers/forum';
import { sendMessage, startConversation } from '../../server/services/messages/conversations';
import { addStaffNote } from '../../server/services/messages/participation';
import { saveBookmark } from '../../server/services/bookmarks';
import { saveDraft } from '../../server/services/drafts';
import { BrowserForum, newVisitor, screenshot, serveInBrowser, seriousAccessibilityViolations, signInAs } from '../helpers/browser';

jest.setTimeout(180_000);

let served: BrowserForum;
let threadPath: string;
let firstPostId: number;
let teamConversationId: number;

beforeAll(async () => {
  const forum = await createTestForum();
  let threadId: number;
  ({ threadPath, threadId } = await rolloutThread(forum));
  firstPostId = (await forum.db.models.Post.findOne({ where: { threadId, number: 1 } }))!.id;
  teamConversationId = await askTheTeam(forum);
  // Member tools (issue 23): a bookmark with a reminder and a draft for Ms S's pages.
  const msS = (await forum.db.models.Member.findOne({ where: { usernameKey: 'mss' } }))!;
  await saveBookmark(forum.db, { memberId: msS.id, postId: firstPostId, remindAt: new Date(Date.now() + 86_400_000) });
  await saveDraft(forum.db, { memberId: msS.id, place: { threadId }, body: 'A reply I am still **writing**' });
  served = await serveInBrowser(forum);
});
afterAll(() => served?.close());

/** Rafeh G asks the team about his badge; Avery O answers with a citation and a staff note. */
async function askTheTeam(forum: Awaited<ReturnType<typeof createTestForum>>): Promise<number> {
  const member = async (username: string) => (await forum.db.models.Member.findOne({ where: { username } }))!;
  const rafeh = await member('RafehG');
  const avery = await member('AveryO');
  const limits = forum.config.messageLimits;
  const id = await startConversation(forum.db, {
    actor: { memberId: rafeh.id, role: 'contributor', displayName: rafeh.displayName, username: rafeh.username },
    to: { team: true },
    subject: 'Where is my Identity Verified badge? My ID check was refused twice',
    source: 'Hi team, my passport was refused twice and I cannot post the details publicly. Could you check my account?',
    limits,
  });
  await sendMessage(forum.db, {
    actor: { memberId: avery.id, role: 'moderator', displayName: avery.displayName, username: avery.username },
    conversation: { id, kind: 'team', startedById: rafeh.id },
    source: 'Hi Rafeh, I checked your record: here is your status.',
    citeStarter: true,
    limits,
  });
  await addStaffNote(forum.db, { conversationId: id, authorId: avery.id, text: 'Vendor log shows two refusals.' });
  return id;
}

const WIDTHS = [
  ['phone', 390, 844],
  ['desktop', 1280, 900],
] as const;

const PAGES: Array<{ name: string; path: () => string; as?: string }> = [
  { name: 'home', path: () => '/' },
  { name: 'board', path: () => '/b/announcements' },
  { name: 'thread', path: () => threadPath },
  { name: 'permalink', path: () => `${threadPath}/6` },
  { name: 'profile', path: () => '/u/WendyC' },
  { name: 'search', path: () => '/search?q=webcamm' },
  { name: 'signin', path: () => '/signin' },
  { name: 'register', path: () => '/register' },
  { name: 'thread-as-moderator', path: () => threadPath, as: 'AveryO' },
  { name: 'notifications', path: () => '/notifications', as: 'RafehG' },
  { name: 'settings', path: () => '/settings', as: 'RafehG' },
  { name: 'eta-tracker', path: () => '/staff/eta', as: 'AveryO' },
  { name: 'moderation-log', path: () => '/staff/log', as: 'LenaE' },
  { name: 'badge-lookup', path: () => '/staff/badges/RafehG', as: 'AveryO' },
  { name: 'my-badge', path: () => '/badge', as: 'RafehG' },
  { name: 'report-form', path: () => `/posts/${firstPostId}/report`, as: 'MsS' },
  { name: 'review-queue', path: () => '/staff/review', as: 'AveryO' },
  { name: 'approval-queue', path: () => '/staff/approvals', as: 'AveryO' },
  { name: 'post-history', path: () => `/posts/${firstPostId}/history` },
  { name: 'member-as-staff', path: () => '/u/MsS', as: 'GoranV' },
  { name: 'messages-inbox', path: () => '/messages', as: 'RafehG' },
  { name: 'new-message', path: () => '/messages/new?team=1', as: 'RafehG' },
  { name: 'conversation', path: () => `/messages/${teamConversationId}`, as: 'RafehG' },
  { name: 'conversation-as-staff', path: () => `/messages/${teamConversationId}`, as: 'AveryO' },
  { name: 'staff-inbox', path: () => '/staff/messages', as: 'AveryO' },
  { name: 'thread-with-kudos', path: () => threadPath, as: 'WendyC' },
  { name: 'post-kudos', path: () => `/posts/${firstPostId}/kudos` },
  { name: 'rank-ladder', path: () => '/staff/ranks', as: 'LenaE' },
  { name: 'followed-threads', path: () => '/following', as: 'MsS' },
  { name: 'catch-up-staff', path: () => `${threadPath}?view=staff` },
  { name: 'catch-up-mine', path: () => `${threadPath}?view=mine`, as: 'MsS' },
  { name: 'questions-queue', path: () => '/staff/questions', as: 'AveryO' },
  { name: 'rollout-dashboard', path: () => '/staff/dashboard', as: 'AveryO' },
  { name: 'saved-replies', path: () => '/staff/saved-replies', as: 'LenaE' },
  { name: 'reply-asking-the-team', path: () => `${threadPath.replace(/^\/t\/(\d+)\/.*$/, '/t/$1')}/replies/new`, as: 'MsS' },
  { name: 'home-signed-in', path: () => '/', as: 'MsS' },
  { name: 'member-directory', path: () => '/u' },
  { name: 'bookmarks', path: () => '/bookmarks', as: 'MsS' },
  { name: 'bookmark-form', path: () => `/posts/${firstPostId}/bookmark`, as: 'MsS' },
  { name: 'drafts', path: () => '/drafts', as: 'MsS' },
  { name: 'reply-composer', path: () => `${threadPath.replace(/\/[^/]+$/, '')}/replies/new`, as: 'MsS' },
  { name: 'avatar-settings', path: () => '/settings/avatar', as: 'MsS' },
  { name: 'forgot-password', path: () => '/password/forgot' },
  { name: 'unsubscribed', path: () => '/email/unsubscribed?k=eta' },
];

describe.each(WIDTHS)('at %s width', (widthName, width, height) => {
  it.each(PAGES.map((page) => [page.name, page] as const))('%s looks right to axe-core and is captured', async (_name, spec) => {
    const { context, page, dialogs } = await newVisitor(served.browser, { javaScript: true, width, height });
    if (spec.as) await signInAs(page, served.base, spec.as, DEVELOPMENT_PASSWORD);
    const response = await page.goto(`${served.base}${spec.path()}`);
    expect(response?.status()).toBe(200);
    await screenshot(page, `${spec.name}-${widthName}`);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
    // Nothing scrolls sideways on a phone.
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
