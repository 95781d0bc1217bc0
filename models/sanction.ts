/** A silence or a suspension of a member: the history; the current one is also on the member row. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';

export const SANCTION_KINDS = ['silence', 'suspend'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export class Sanction extends Model<InferAttributes<Sanction>, InferCreationAttributes<Sanction>> {
  declare id: CreationOptional<number>;
  declare memberId: ForeignKey<Member['id']>;
  declare kind: SanctionKind;
  declare reason: string;
  /** null: indefinitely. */
  declare endsAt: Date | null;
  declare createdById: ForeignKey<Member['id']>;
  declare createdAt: CreationOptional<Date>;
  declare liftedAt: CreationOptional<Date | null>;
  declare liftedById: ForeignKey<Member['id']> | null;

  declare createdBy?: NonAttribute<Member>;
  declare liftedBy?: NonAttribute<Member | null>;
}

export function initSanction(sequelize: Sequelize): void {
  Sanction.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      kind: { type: DataTypes.STRING(10), allowNull: false },
      reason: { type: DataTypes.STRING(300), allowNull: false },
      endsAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      liftedAt: { type: DataTypes.DATE, allowNull: true },
      liftedById: { type: DataTypes.INTEGER, allowNull: true },
    },
    { sequelize, tableName: 'sanctions', underscored: true, updatedAt: false },
  );
}
