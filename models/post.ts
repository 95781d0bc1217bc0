/**
 * A post keeps the markdown its author wrote (source) and the sanitized HTML made from it when it
 * was saved (html): pages print html and never parse markdown on a read.
 */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { EtaNote } from './etaNote';
import type { Member } from './member';
import type { Thread } from './thread';

export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare threadId: ForeignKey<Thread['id']>;
  /** 1-based position in the thread; unique and gap-free within it. */
  declare number: number;
  declare authorId: ForeignKey<Member['id']>;
  declare source: string;
  declare html: string;
  /** Plain text, for the official-answer box and lists. */
  declare excerpt: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  /** Set by a recorded edit (not by the author's quick fixes within the grace period). */
  declare editedAt: Date | null;
  declare version: CreationOptional<number>;
  declare editedById: ForeignKey<Member['id']> | null;
  declare editReason: string | null;
  /** The post this one answers, when the member replied to a particular post. */
  declare replyToNumber: number | null;
  /** Hidden by staff: members see "Hidden by a moderator"; the number stays. */
  declare hiddenAt: Date | null;
  declare hiddenById: ForeignKey<Member['id']> | null;
  declare hiddenReason: string | null;
  /** The hide is the author's own deletion ("Deleted by its author"), not a moderator's. */
  declare deletedByAuthor: CreationOptional<boolean>;
  /** A former official answer points at the post that replaced it. */
  declare supersededByNumber: number | null;

  declare author?: NonAttribute<Member>;
  declare editedBy?: NonAttribute<Member | null>;
  declare thread?: NonAttribute<Thread>;
  declare etaNotes?: NonAttribute<EtaNote[]>;
}

export function initPost(sequelize: Sequelize): void {
  Post.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      number: { type: DataTypes.INTEGER, allowNull: false },
      source: { type: DataTypes.TEXT, allowNull: false },
      html: { type: DataTypes.TEXT, allowNull: false },
      excerpt: { type: DataTypes.STRING(400), allowNull: false, defaultValue: '' },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
      editedAt: { type: DataTypes.DATE, allowNull: true },
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      editedById: { type: DataTypes.INTEGER, allowNull: true },
      editReason: { type: DataTypes.STRING(300), allowNull: true },
      replyToNumber: { type: DataTypes.INTEGER, allowNull: true },
      hiddenAt: { type: DataTypes.DATE, allowNull: true },
      hiddenById: { type: DataTypes.INTEGER, allowNull: true },
      hiddenReason: { type: DataTypes.STRING(300), allowNull: true },
      deletedByAuthor: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      supersededByNumber: { type: DataTypes.INTEGER, allowNull: true },
    },
    { sequelize, tableName: 'posts', underscored: true },
  );
}
