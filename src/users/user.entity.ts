import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Language } from './language';

@Entity('users')
@Check('users_email_lowercase', `"email" = lower("email")`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  /** Stored lower-cased, so the unique index makes emails unique regardless of case. */
  @Index('users_email_unique', { unique: true })
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: Language, enumName: 'language' })
  language!: Language;

  /** IANA zone, e.g. Asia/Seoul. */
  @Column({ type: 'text' })
  timeZone!: string;

  @Column({ type: 'boolean', default: false })
  isPlatformAdmin!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
