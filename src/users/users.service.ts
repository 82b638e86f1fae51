import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { EntityManager, Repository } from 'typeorm';
import { containsPattern, isConstraintViolation, preparedRows } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { ListUsersQuery, UpdatePlatformRoleDto, UserListResponse } from './dto/admin-user.dto';
import { RegisterUserDto, UpdateProfileDto, UserResponse } from './dto/user.dto';
import { Language } from './language';
import { User } from './user.entity';

/** A short public view of a person, for member lists of other modules. */
export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  language: Language;
  timeZone: string;
}

@Injectable()
export class UsersService {
  /** Verified against when no account matches, so a wrong email costs as long as a wrong password. */
  private readonly timingDecoyHash = argon2.hash('matchday-timing-decoy');

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  static normalizeEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  /** Creates an account; `manager` lets a caller make it part of its own transaction. */
  async register(dto: RegisterUserDto, manager?: EntityManager): Promise<User> {
    const repository = manager ? manager.getRepository(User) : this.users;
    try {
      return await repository.save(
        repository.create({
          email: UsersService.normalizeEmail(dto.email),
          passwordHash: await argon2.hash(dto.password),
          name: dto.name,
          language: dto.language,
          timeZone: dto.timeZone,
        }),
      );
    } catch (error) {
      if (isConstraintViolation(error, 'users_email_unique')) {
        throw new DomainError(ErrorCode.EmailTaken, 'An account with this email already exists', [
          { field: 'email', messages: ['email is already registered'] },
        ]);
      }
      throw error;
    }
  }

  /** The account's id if the password matches, else null. */
  async verifyCredentials(email: string, password: string): Promise<string | null> {
    const user = await this.users.findOne({
      where: { email: UsersService.normalizeEmail(email) },
      select: { id: true, passwordHash: true },
    });
    if (!user) {
      await argon2.verify(await this.timingDecoyHash, password);
      return null;
    }
    return (await argon2.verify(user.passwordHash, password)) ? user.id : null;
  }

  async changePassword(user: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<void> {
    const account = await this.users.findOneOrFail({ where: { id: user.id }, select: { id: true, passwordHash: true } });
    if (!(await argon2.verify(account.passwordHash, currentPassword))) {
      throw new DomainError(ErrorCode.WrongPassword, 'The current password does not match', [
        { field: 'currentPassword', messages: ['currentPassword is wrong'] },
      ]);
    }
    await this.users.update({ id: user.id }, { passwordHash: await argon2.hash(newPassword) });
  }

  async getProfile(user: AuthenticatedUser): Promise<UserResponse> {
    return this.getById(user.id);
  }

  /** `manager`: read in the caller's transaction, on its connection. */
  async getById(id: string, manager?: EntityManager): Promise<UserResponse> {
    return UserResponse.from(await this.findOrFail(id, manager));
  }

  async updateProfile(user: AuthenticatedUser, dto: UpdateProfileDto): Promise<UserResponse> {
    const account = await this.findOrFail(user.id);
    Object.assign(account, dto);
    return UserResponse.from(await this.users.save(account));
  }

  async list(_admin: AuthenticatedUser, query: ListUsersQuery): Promise<UserListResponse> {
    const builder = this.users
      .createQueryBuilder('user')
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    if (query.search) {
      builder.where('(user.email ILIKE :pattern OR user.name ILIKE :pattern)', { pattern: containsPattern(query.search) });
    }
    const [users, total] = await builder.getManyAndCount();
    return { items: users.map(UserResponse.from), total };
  }

  async setPlatformRole(admin: AuthenticatedUser, userId: string, dto: UpdatePlatformRoleDto): Promise<UserResponse> {
    if (userId === admin.id && !dto.isPlatformAdmin) {
      throw new DomainError(ErrorCode.Forbidden, 'Ask another admin to withdraw your own admin role');
    }
    const account = await this.findOrFail(userId);
    account.isPlatformAdmin = dto.isPlatformAdmin;
    return UserResponse.from(await this.users.save(account));
  }

  async findByEmail(email: string): Promise<PersonSummary | null> {
    const user = await this.users.findOne({ where: { email: UsersService.normalizeEmail(email) } });
    return user ? UsersService.summary(user) : null;
  }

  async findById(id: string): Promise<PersonSummary | null> {
    const user = await this.users.findOne({ where: { id } });
    return user ? UsersService.summary(user) : null;
  }

  /** Every meeting answer reads its two people here: prepared, and only the summary's columns (no password hash). */
  async findByIds(ids: string[]): Promise<Map<string, PersonSummary>> {
    if (ids.length === 0) return new Map();
    const people = await preparedRows<PersonSummary>(
      this.users.manager,
      'SELECT id, name, email, language, time_zone AS "timeZone" FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(people.map((person) => [person.id, person]));
  }

  private async findOrFail(id: string, manager?: EntityManager): Promise<User> {
    const user = await (manager ? manager.getRepository(User) : this.users).findOne({ where: { id } });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  private static summary(user: User): PersonSummary {
    return { id: user.id, name: user.name, email: user.email, language: user.language, timeZone: user.timeZone };
  }
}
