/** The record of one change to a member's role or rank title: who, when, from, to. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member, Role } from './member';

export class RoleChange extends Model<InferAttributes<RoleChange>, InferCreationAttributes<RoleChange>> {
  declare id: CreationOptional<number>;
  declare memberId: ForeignKey<Member['id']>;
  declare changedById: ForeignKey<Member['id']>;
  declare fromRole: Role;
  declare toRole: Role;
  declare fromRankTitle: string | null;
  declare toRankTitle: string | null;
  declare createdAt: CreationOptional<Date>;

  declare changedBy?: NonAttribute<Member>;
  declare member?: NonAttribute<Member>;
}

export function initRoleChange(sequelize: Sequelize): void {
  RoleChange.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      fromRole: { type: DataTypes.STRING(20), allowNull: false },
      toRole: { type: DataTypes.STRING(20), allowNull: false },
      fromRankTitle: { type: DataTypes.STRING(60), allowNull: true },
      toRankTitle: { type: DataTypes.STRING(60), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'role_changes', underscored: true, updatedAt: false },
  );
}
