/** A member's identity verification as the verification service reports it: tier, invitation, two steps, award. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';

export const STEP_STATES = ['not_started', 'passed', 'rejected'] as const;
export type StepState = (typeof STEP_STATES)[number];

export class VerificationRecord extends Model<InferAttributes<VerificationRecord>, InferCreationAttributes<VerificationRecord>> {
  declare id: CreationOptional<number>;
  declare memberId: ForeignKey<Member['id']>;
  declare tier: string | null;
  declare invitedAt: Date | null;
  declare idState: CreationOptional<StepState>;
  declare idCompletedAt: Date | null;
  declare idMethod: string | null;
  declare webcamState: CreationOptional<StepState>;
  declare webcamCompletedAt: Date | null;
  declare webcamMethod: string | null;
  declare awardedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare member?: NonAttribute<Member>;
}

export function initVerificationRecord(sequelize: Sequelize): void {
  VerificationRecord.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      tier: { type: DataTypes.STRING(30), allowNull: true },
      invitedAt: { type: DataTypes.DATE, allowNull: true },
      idState: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'not_started' },
      idCompletedAt: { type: DataTypes.DATE, allowNull: true },
      idMethod: { type: DataTypes.STRING(40), allowNull: true },
      webcamState: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'not_started' },
      webcamCompletedAt: { type: DataTypes.DATE, allowNull: true },
      webcamMethod: { type: DataTypes.STRING(40), allowNull: true },
      awardedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'verification_records', underscored: true },
  );
}
