/** Member tools (issue 23): deleting one's own post, retitling one's own thread, bookmarks, the member directory, drafts and the live preview, avatars. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createAvatarController } from '../controllers/avatarController';
import { createBookmarkController } from '../controllers/bookmarkController';
import { createDraftController } from '../controllers/draftController';
import { createMemberDirectoryController } from '../controllers/memberDirectoryController';
import { createOwnPostController } from '../controllers/ownPostController';
import { requireSignIn } from '../middleware/requireSignIn';

export function memberToolRoutes(db: Database, config: Pick<Config, 'memberTools'>): Router {
  const ownPosts = createOwnPostController(db, config.memberTools);
  const bookmarks = createBookmarkController(db);
  const directory = createMemberDirectoryController(db);
  const drafts = createDraftController(db, config.memberTools);
  const avatars = createAvatarController(db);
  const router = Router();
  router.get('/posts/:postId/delete', requireSignIn, ownPosts.deletePage);
  router.post('/posts/:postId/delete', requireSignIn, ownPosts.deletePost);
  router.post('/t/:threadId/starter-title', requireSignIn, ownPosts.retitle);
  router.get('/posts/:postId/bookmark', requireSignIn, bookmarks.page);
  router.post('/posts/:postId/bookmark', requireSignIn, bookmarks.save);
  router.post('/posts/:postId/unbookmark', requireSignIn, bookmarks.remove);
  router.get('/bookmarks', requireSignIn, bookmarks.list);
  router.get('/u', directory.list);
  router.get('/drafts', requireSignIn, drafts.list);
  router.get('/drafts/:place', requireSignIn, drafts.show);
  router.post('/drafts/:place', requireSignIn, drafts.save);
  router.post('/drafts/:place/discard', requireSignIn, drafts.discard);
  router.post('/preview', requireSignIn, drafts.preview);
  router.get('/settings/avatar', requireSignIn, avatars.page);
  router.post('/settings/avatar', requireSignIn, avatars.upload);
  router.post('/settings/avatar/remove', requireSignIn, avatars.removeOwn);
  router.post('/u/:username/avatar/remove', requireSignIn, avatars.removeByStaff);
  router.get('/avatars/:memberId/:file', avatars.image);
  return router;
}
