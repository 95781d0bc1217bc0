/** A staff-only, dated note about a member, shown on their profile (to staff) and on review items. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';

export class MemberNote extends Model<InferAttributes<MemberNote>, InferCreationAttributes<MemberNote>> {
  declare id: CreationOptional<number>;
  declare memberId: ForeignKey<Member['id']>;
  declare authorId: ForeignKey<Member['id']>;
  declare text: string;
  declare createdAt: CreationOptional<Date>;

  declare author?: NonAttribute<Member>;
}

export function initMemberNote(sequelize: Sequelize): void {
  MemberNote.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      text: { type: DataTypes.STRING(1000), allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'member_notes', underscored: true, updatedAt: false },
  );
}
