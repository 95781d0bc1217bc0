/** Private messages: members' inbox and conversations, the staff inbox and reported messages. */
import { Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { createConversationStaffController } from '../controllers/conversationStaffController';
import { createMessagesController } from '../controllers/messagesController';
import { requireSignIn } from '../middleware/requireSignIn';

export function messageRoutes(db: Database, config: Config): Router {
  const messages = createMessagesController(db, config);
  const staff = createConversationStaffController(db, config);
  const router = Router();
  router.use(['/messages', '/staff/messages', '/staff/review/messages'], requireSignIn);
  router.get('/messages', messages.inbox);
  router.get('/messages/new', messages.newForm);
  router.post('/messages', messages.create);
  router.post('/messages/blocks', messages.block);
  router.get('/messages/:conversationId', messages.show);
  router.post('/messages/:conversationId/replies', messages.reply);
  router.post('/messages/:conversationId/read', messages.markRead);
  router.post('/messages/:conversationId/leave', messages.leave);
  router.post('/messages/:conversationId/:messageNumber/report', messages.report);
  router.post('/messages/:conversationId/participants', staff.addColleague);
  router.post('/messages/:conversationId/state', staff.changeState);
  router.post('/messages/:conversationId/notes', staff.addNote);
  router.get('/staff/messages', staff.inbox);
  router.post('/staff/review/messages/:messageId', staff.review);
  return router;
}
