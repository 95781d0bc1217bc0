/** A forum member: who they are, their role and the rank title shown beside their name. */
import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { VerificationRecord } from './verificationRecord';

export const ROLES = ['contributor', 'guru', 'moderator', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export class Member extends Model<InferAttributes<Member>, InferCreationAttributes<Member>> {
  declare id: CreationOptional<number>;
  declare username: string;
  /** username in lower case: usernames are unique ignoring case. */
  declare usernameKey: string;
  declare displayName: string;
  /** TR39 skeletons of the names (server/text/skeleton.ts): lookalike names share one. */
  declare usernameSkeleton: string | null;
  declare displayNameSkeleton: string | null;
  declare role: CreationOptional<Role>;
  /** Shown under the name; null means the role's default title. */
  declare rankTitle: string | null;
  /** A calendar date, 'YYYY-MM-DD'. */
  declare memberSince: string;
  declare isPrivate: CreationOptional<boolean>;
  declare postCount: CreationOptional<number>;
  /** Of postCount, those hidden from readers (hidden posts, and posts in hidden threads). */
  declare hiddenPostCount: CreationOptional<number>;
  /** bcrypt hash; null means the member cannot sign in with a password. */
  declare passwordHash: CreationOptional<string | null>;
  declare isSeeded: CreationOptional<boolean>;
  /** When the Identity Verified badge was awarded (kept with the verification record); null: not verified. */
  declare identityVerifiedAt: CreationOptional<Date | null>;
  /** The current silence and suspension (server/services/sanctions.ts); an end in the past is over. */
  declare silencedUntil: CreationOptional<Date | null>;
  declare silenceReason: CreationOptional<string | null>;
  declare suspendedUntil: CreationOptional<Date | null>;
  declare suspendReason: CreationOptional<string | null>;
  /** The current avatar's version (server/services/avatars.ts); null: initials. */
  declare avatarEtag: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare verificationRecord?: NonAttribute<VerificationRecord | null>;
}

export function initMember(sequelize: Sequelize): void {
  Member.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      username: { type: DataTypes.STRING(40), allowNull: false },
      usernameKey: { type: DataTypes.STRING(40), allowNull: false, unique: true },
      displayName: { type: DataTypes.STRING(60), allowNull: false },
      usernameSkeleton: { type: DataTypes.STRING(255), allowNull: true, unique: true },
      displayNameSkeleton: { type: DataTypes.STRING(255), allowNull: true },
      role: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'contributor' },
      rankTitle: { type: DataTypes.STRING(60), allowNull: true },
      memberSince: { type: DataTypes.DATEONLY, allowNull: false },
      isPrivate: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      postCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      hiddenPostCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      passwordHash: { type: DataTypes.STRING(100), allowNull: true },
      isSeeded: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      identityVerifiedAt: { type: DataTypes.DATE, allowNull: true },
      silencedUntil: { type: DataTypes.DATE, allowNull: true },
      silenceReason: { type: DataTypes.STRING(300), allowNull: true },
      suspendedUntil: { type: DataTypes.DATE, allowNull: true },
      suspendReason: { type: DataTypes.STRING(300), allowNull: true },
      avatarEtag: { type: DataTypes.STRING(40), allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    {
      sequelize,
      tableName: 'members',
      underscored: true,
      // The hash never leaves the database unless a query asks for it by name.
      defaultScope: { attributes: { exclude: ['passwordHash'] } },
      scopes: { withPassword: { attributes: { include: ['passwordHash'] } } },
    },
  );
}
