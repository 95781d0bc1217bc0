/** One change to a verification record: what changed, when, from where (feed, import, a manager) and why. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';

export const EVENT_SOURCES = ['feed', 'import', 'manager'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export class VerificationEvent extends Model<InferAttributes<VerificationEvent>, InferCreationAttributes<VerificationEvent>> {
  declare id: CreationOptional<number>;
  /** The sender's id; unique, so a repeated delivery is recognised. Null for a manager's change. */
  declare eventId: string | null;
  declare memberId: ForeignKey<Member['id']>;
  declare source: EventSource;
  declare kind: string;
  /** JSON object: {"field": {"from": ..., "to": ...}}. */
  declare changes: string;
  declare actorId: ForeignKey<Member['id']> | null;
  declare reason: string | null;
  /** When it happened, as the sender says. */
  declare occurredAt: Date;
  /** When the forum recorded it. */
  declare createdAt: CreationOptional<Date>;

  declare actor?: NonAttribute<Member | null>;
}

export function initVerificationEvent(sequelize: Sequelize): void {
  VerificationEvent.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      eventId: { type: DataTypes.STRING(120), allowNull: true },
      memberId: { type: DataTypes.INTEGER, allowNull: false },
      source: { type: DataTypes.STRING(12), allowNull: false },
      kind: { type: DataTypes.STRING(30), allowNull: false },
      changes: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      reason: { type: DataTypes.STRING(300), allowNull: true },
      occurredAt: { type: DataTypes.DATE, allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'verification_events', underscored: true, updatedAt: false },
  );
}
