/** One member's report of one post: why, an optional note, and the outcome once staff closed it. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';
import type { Post } from './post';

export const REPORT_REASONS = ['spam', 'abusive', 'personal', 'offtopic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
/** open until staff act; then the outcome that closed it. */
export const REPORT_STATUSES = ['open', 'hidden', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export class Report extends Model<InferAttributes<Report>, InferCreationAttributes<Report>> {
  declare id: CreationOptional<number>;
  declare postId: ForeignKey<Post['id']>;
  declare reporterId: ForeignKey<Member['id']>;
  declare reason: ReportReason;
  declare note: string | null;
  declare status: CreationOptional<ReportStatus>;
  declare closedAt: CreationOptional<Date | null>;
  declare closedById: ForeignKey<Member['id']> | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare reporter?: NonAttribute<Member>;
  declare closedBy?: NonAttribute<Member | null>;
  declare post?: NonAttribute<Post>;
}

export function initReport(sequelize: Sequelize): void {
  Report.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      reason: { type: DataTypes.STRING(20), allowNull: false },
      note: { type: DataTypes.STRING(500), allowNull: true },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' },
      closedAt: { type: DataTypes.DATE, allowNull: true },
      closedById: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'reports', underscored: true },
  );
}
