/** Defines every model on a Sequelize instance and wires the associations. Schema comes from migrations. */
import type { Sequelize } from 'sequelize';
import { Board, initBoard } from './board';
import { EtaNote, initEtaNote } from './etaNote';
import { initMember, Member } from './member';
import { initPost, Post } from './post';
import { initThread, Thread } from './thread';
import { initModerationLogEntry, ModerationLogEntry } from './moderationLogEntry';
import { initNotification, Notification } from './notification';
import { initSession, Session } from './session';
import { initPostRevision, PostRevision } from './postRevision';
import { initVerificationRecord, VerificationRecord } from './verificationRecord';
import { initVerificationEvent, VerificationEvent } from './verificationEvent';
import { BadgePolicyVersion, initBadgePolicyVersion } from './badgePolicyVersion';
import { BadgeCitation, initBadgeCitation } from './badgeCitation';
import { initReport, Report } from './report';
import { initSanction, Sanction } from './sanction';
import { initMemberNote, MemberNote } from './memberNote';
import { initPendingPost, PendingPost } from './pendingPost';

export { Board, EtaNote, Member, ModerationLogEntry, Notification, Post, PostRevision, Session, Thread };
export type { NotificationKind } from './notification';
export { BadgeCitation, BadgePolicyVersion, VerificationEvent, VerificationRecord };
export { MemberNote, PendingPost, Report, Sanction };
export { REPORT_REASONS } from './report';
export type { ReportReason, ReportStatus } from './report';
export type { SanctionKind } from './sanction';
export { EVENT_SOURCES } from './verificationEvent';
export type { EventSource } from './verificationEvent';
export { STEP_STATES } from './verificationRecord';
export type { StepState } from './verificationRecord';
export { MODERATION_ACTIONS } from './moderationLogEntry';
export type { ModerationAction } from './moderationLogEntry';
export type { Role } from './member';
export { ROLES } from './member';

export interface Models {
  Member: typeof Member;
  Board: typeof Board;
  Thread: typeof Thread;
  Post: typeof Post;
  EtaNote: typeof EtaNote;
  Session: typeof Session;
  ModerationLogEntry: typeof ModerationLogEntry;
  Notification: typeof Notification;
  PostRevision: typeof PostRevision;
  VerificationRecord: typeof VerificationRecord;
  VerificationEvent: typeof VerificationEvent;
  BadgePolicyVersion: typeof BadgePolicyVersion;
  BadgeCitation: typeof BadgeCitation;
  Report: typeof Report;
  Sanction: typeof Sanction;
  MemberNote: typeof MemberNote;
  PendingPost: typeof PendingPost;
}

export function defineModels(sequelize: Sequelize): Models {
  initMember(sequelize);
  initBoard(sequelize);
  initThread(sequelize);
  initPost(sequelize);
  initEtaNote(sequelize);
  initSession(sequelize);
  initModerationLogEntry(sequelize);
  initNotification(sequelize);
  initPostRevision(sequelize);
  initVerificationRecord(sequelize);
  initVerificationEvent(sequelize);
  initBadgePolicyVersion(sequelize);
  initBadgeCitation(sequelize);
  initReport(sequelize);
  initSanction(sequelize);
  initMemberNote(sequelize);
  initPendingPost(sequelize);

  Board.hasMany(Thread, { foreignKey: 'boardId', as: 'threads' });
  Board.belongsTo(Thread, { foreignKey: 'lastThreadId', as: 'lastThread', constraints: false });
  Thread.belongsTo(Board, { foreignKey: 'boardId', as: 'board' });
  Thread.belongsTo(Member, { foreignKey: 'authorId', as: 'author' });
  Thread.belongsTo(Member, { foreignKey: 'lastPosterId', as: 'lastPoster' });
  Thread.belongsTo(Post, { foreignKey: 'officialPostId', as: 'officialPost', constraints: false });
  Thread.hasMany(Post, { foreignKey: 'threadId', as: 'posts' });
  Post.belongsTo(Thread, { foreignKey: 'threadId', as: 'thread' });
  Post.belongsTo(Member, { foreignKey: 'authorId', as: 'author' });
  Post.hasMany(EtaNote, { foreignKey: 'postId', as: 'etaNotes' });
  Member.hasMany(Post, { foreignKey: 'authorId', as: 'posts' });
  EtaNote.belongsTo(Post, { foreignKey: 'postId', as: 'post' });
  EtaNote.belongsTo(Member, { foreignKey: 'authorId', as: 'author' });
  EtaNote.belongsTo(Member, { foreignKey: 'closedById', as: 'closedBy' });
  EtaNote.belongsTo(Post, { foreignKey: 'followUpPostId', as: 'followUpPost', constraints: false });

  Post.belongsTo(Member, { foreignKey: 'editedById', as: 'editedBy' });
  Post.hasMany(PostRevision, { foreignKey: 'postId', as: 'revisions' });
  PostRevision.belongsTo(Post, { foreignKey: 'postId', as: 'post' });
  PostRevision.belongsTo(Member, { foreignKey: 'editorId', as: 'editor' });
  Notification.belongsTo(Thread, { foreignKey: 'threadId', as: 'thread' });
  Notification.belongsTo(Post, { foreignKey: 'postId', as: 'post' });
  Notification.belongsTo(Member, { foreignKey: 'actorId', as: 'actor' });
  ModerationLogEntry.belongsTo(Member, { foreignKey: 'actorId', as: 'actor' });
  ModerationLogEntry.belongsTo(Member, { foreignKey: 'subjectMemberId', as: 'subjectMember' });
  ModerationLogEntry.belongsTo(Thread, { foreignKey: 'threadId', as: 'thread' });
  ModerationLogEntry.belongsTo(Post, { foreignKey: 'postId', as: 'post' });

  VerificationRecord.belongsTo(Member, { foreignKey: 'memberId', as: 'member' });
  Member.hasOne(VerificationRecord, { foreignKey: 'memberId', as: 'verificationRecord' });
  VerificationEvent.belongsTo(Member, { foreignKey: 'actorId', as: 'actor' });
  BadgePolicyVersion.belongsTo(Member, { foreignKey: 'changedById', as: 'changedBy' });
  BadgeCitation.belongsTo(Member, { foreignKey: 'memberId', as: 'member' });
  BadgeCitation.belongsTo(Member, { foreignKey: 'citedById', as: 'citedBy' });
  Report.belongsTo(Member, { foreignKey: 'reporterId', as: 'reporter' });
  Report.belongsTo(Post, { foreignKey: 'postId', as: 'post' });
  Report.belongsTo(Member, { foreignKey: 'closedById', as: 'closedBy' });
  Sanction.belongsTo(Member, { foreignKey: 'memberId', as: 'member' });
  Sanction.belongsTo(Member, { foreignKey: 'createdById', as: 'createdBy' });
  Sanction.belongsTo(Member, { foreignKey: 'liftedById', as: 'liftedBy' });
  MemberNote.belongsTo(Member, { foreignKey: 'memberId', as: 'member' });
  MemberNote.belongsTo(Member, { foreignKey: 'authorId', as: 'author' });
  PendingPost.belongsTo(Member, { foreignKey: 'authorId', as: 'author' });
  PendingPost.belongsTo(Thread, { foreignKey: 'threadId', as: 'thread' });
  PendingPost.belongsTo(Board, { foreignKey: 'boardId', as: 'board' });
  PendingPost.belongsTo(Post, { foreignKey: 'publishedPostId', as: 'publishedPost' });
  PendingPost.belongsTo(Member, { foreignKey: 'decidedById', as: 'decidedBy' });

  return {
    Member, Board, Thread, Post, EtaNote, Session, ModerationLogEntry, PostRevision, Notification,
    VerificationRecord, VerificationEvent, BadgePolicyVersion, BadgeCitation, Report, Sanction, MemberNote, PendingPost,
  };
}
