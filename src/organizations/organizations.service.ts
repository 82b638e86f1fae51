import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isConstraintViolation, preparedRows } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { UsersService } from '../users/users.service';
import {
  AddOrganizationMemberDto,
  CreateOrganizationDto,
  OrganizationMemberResponse,
  OrganizationResponse,
  UpdateOrganizationDto,
  UpdateOrganizationMemberDto,
} from './dto/organization.dto';
import { OrganizationMember } from './organization-member.entity';
import { Organization } from './organization.entity';
import { OrganizationKind, OrganizationRole } from './organization.enums';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    @InjectRepository(OrganizationMember) private readonly members: Repository<OrganizationMember>,
    private readonly usersService: UsersService,
  ) {}

  /** The creator becomes its owner. */
  async create(user: AuthenticatedUser, dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    const draft = this.organizations.create({ ...emptyProfile(), ...dto });
    assertConsistentProfile(draft);
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.getRepository(Organization).save(draft);
      await manager
        .getRepository(OrganizationMember)
        .insert({ organizationId: organization.id, userId: user.id, role: OrganizationRole.Owner });
      return OrganizationResponse.from(organization, OrganizationRole.Owner);
    });
  }

  async listMine(user: AuthenticatedUser): Promise<OrganizationResponse[]> {
    const memberships = await this.members.find({
      where: { userId: user.id },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    return memberships.map((membership) => OrganizationResponse.from(membership.organization!, membership.role));
  }

  /** Profiles are what matchmaking shows, so any signed-in person may read one. */
  async get(user: AuthenticatedUser, organizationId: string): Promise<OrganizationResponse> {
    const organization = await this.organizations.findOne({ where: { id: organizationId } });
    if (!organization) throw new NotFoundError('Organization');
    const membership = await this.members.findOne({ where: { organizationId, userId: user.id } });
    return OrganizationResponse.from(organization, membership?.role ?? null);
  }

  async update(user: AuthenticatedUser, organizationId: string, dto: UpdateOrganizationDto): Promise<OrganizationResponse> {
    await this.assertOwner(user, organizationId);
    const organization = await this.organizations.findOneOrFail({ where: { id: organizationId } });
    Object.assign(organization, dto);
    if (organization.kind !== OrganizationKind.Investor && dto.kind !== undefined && dto.investorType === undefined) {
      organization.investorType = null;
    }
    assertConsistentProfile(organization);
    return OrganizationResponse.from(await this.organizations.save(organization), OrganizationRole.Owner);
  }

  async listMembers(user: AuthenticatedUser, organizationId: string): Promise<OrganizationMemberResponse[]> {
    await this.findMembership(user, organizationId);
    const members = await this.members.find({ where: { organizationId }, order: { createdAt: 'ASC' } });
    const people = await this.usersService.findByIds(members.map((member) => member.userId));
    return members.map((member) => {
      const person = people.get(member.userId)!;
      return { userId: member.userId, name: person.name, email: person.email, role: member.role, joinedAt: member.createdAt };
    });
  }

  async addMember(user: AuthenticatedUser, organizationId: string, dto: AddOrganizationMemberDto): Promise<OrganizationMemberResponse> {
    await this.assertOwner(user, organizationId);
    const person = await this.usersService.findByEmail(dto.email);
    if (!person) {
      throw new DomainError(ErrorCode.UserNotFound, 'Ask them to sign up first', [
        { field: 'email', messages: ['no account uses this email'] },
      ]);
    }
    try {
      // insert, not save: save would find the existing row and quietly change its role (even demote the last owner).
      const member = this.members.create({ organizationId, userId: person.id, role: dto.role });
      await this.members.insert(member);
      return { userId: person.id, name: person.name, email: person.email, role: member.role, joinedAt: member.createdAt };
    } catch (error) {
      if (isConstraintViolation(error, 'organization_members_pkey')) throw new DomainError(ErrorCode.AlreadyMember);
      throw error;
    }
  }

  async updateMember(
    user: AuthenticatedUser,
    organizationId: string,
    memberUserId: string,
    dto: UpdateOrganizationMemberDto,
  ): Promise<OrganizationMemberResponse> {
    const member = await this.dataSource.transaction(async (manager) => {
      await this.lockOrganization(manager, organizationId);
      await this.assertOwner(user, organizationId, manager);
      const found = await this.findMember(manager, organizationId, memberUserId);
      if (found.role === OrganizationRole.Owner && dto.role !== OrganizationRole.Owner) {
        await this.assertAnotherOwner(manager, organizationId, memberUserId);
      }
      found.role = dto.role;
      await manager.getRepository(OrganizationMember).save(found);
      return found;
    });
    // After the commit: the transaction held one connection only.
    const person = (await this.usersService.findById(memberUserId))!;
    return { userId: person.id, name: person.name, email: person.email, role: member.role, joinedAt: member.createdAt };
  }

  /** Owners remove anyone; any member may leave. The last owner cannot go. */
  async removeMember(user: AuthenticatedUser, organizationId: string, memberUserId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockOrganization(manager, organizationId);
      if (memberUserId === user.id) await this.findMembership(user, organizationId, manager);
      else await this.assertOwner(user, organizationId, manager);
      const member = await this.findMember(manager, organizationId, memberUserId);
      if (member.role === OrganizationRole.Owner) await this.assertAnotherOwner(manager, organizationId, memberUserId);
      await manager.getRepository(OrganizationMember).delete({ organizationId, userId: memberUserId });
    });
  }

  /** Names of organizations by id, for other modules that show them (unknown ids are left out). */
  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    // Every meeting answer reads its companies here: prepared.
    const organizations = await preparedRows<{ id: string; name: string }>(this.dataSource.manager, 'SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(organizations.map((organization) => [organization.id, organization.name]));
  }

  /** Whether the person belongs to the organization (for other modules: who may act for a company). */
  async isMember(userId: string, organizationId: string): Promise<boolean> {
    return this.members.exists({ where: { userId, organizationId } });
  }

  /** Ids of the organization's current members (for other modules, e.g. giving a company's people an event role). */
  async memberIds(organizationId: string, manager: EntityManager = this.members.manager): Promise<string[]> {
    const members = await manager.getRepository(OrganizationMember).find({ where: { organizationId }, select: { userId: true } });
    return members.map((member) => member.userId);
  }

  /** Ids of the organizations a person belongs to (for other modules, e.g. keeping reviewers off their own company). */
  async organizationIdsOf(userId: string, manager: EntityManager = this.members.manager): Promise<string[]> {
    const members = await manager.getRepository(OrganizationMember).find({ where: { userId }, select: { organizationId: true } });
    return members.map((member) => member.organizationId);
  }

  private async findMembership(
    user: AuthenticatedUser,
    organizationId: string,
    manager: EntityManager = this.members.manager,
  ): Promise<OrganizationMember> {
    const membership = await manager.getRepository(OrganizationMember).findOne({ where: { organizationId, userId: user.id } });
    if (!membership) throw new NotFoundError('Organization');
    return membership;
  }

  private async assertOwner(user: AuthenticatedUser, organizationId: string, manager?: EntityManager): Promise<void> {
    const membership = await this.findMembership(user, organizationId, manager);
    if (membership.role !== OrganizationRole.Owner) {
      throw new DomainError(ErrorCode.Forbidden, 'Only owners manage the organization');
    }
  }

  /**
   * Locks the organization row, so concurrent demotions or removals of owners run one after another and cannot
   * together leave it without an owner, and the caller's own role is read after any change that just committed
   * (an owner demoted a moment ago no longer acts as one).
   */
  private async lockOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [organizationId]);
  }

  private async findMember(manager: EntityManager, organizationId: string, userId: string): Promise<OrganizationMember> {
    const member = await manager.getRepository(OrganizationMember).findOne({ where: { organizationId, userId } });
    if (!member) throw new NotFoundError('Member');
    return member;
  }

  private async assertAnotherOwner(manager: EntityManager, organizationId: string, userId: string): Promise<void> {
    const owners = await manager
      .getRepository(OrganizationMember)
      .countBy({ organizationId, role: OrganizationRole.Owner });
    if (owners <= 1) {
      throw new DomainError(ErrorCode.LastOwner, `Make another member owner before ${userId} stops being one`);
    }
  }
}

function emptyProfile(): Partial<Organization> {
  return {
    investorType: null,
    sectors: [],
    stage: null,
    country: null,
    website: null,
    description: null,
    pitchDeckUrl: null,
    ticketMin: null,
    ticketMax: null,
    ticketCurrency: null,
    focusSectors: [],
    focusStages: [],
  };
}

/** Rules across fields, checked before the database's own checks so the caller learns which field is wrong. */
function assertConsistentProfile(organization: Partial<Organization>): void {
  const fields: FieldError[] = [];
  if (organization.investorType && organization.kind !== OrganizationKind.Investor) {
    fields.push({ field: 'investorType', messages: ['investorType applies only to organizations of kind investor'] });
  }
  if (
    organization.ticketMin !== null &&
    organization.ticketMin !== undefined &&
    organization.ticketMax !== null &&
    organization.ticketMax !== undefined &&
    organization.ticketMin > organization.ticketMax
  ) {
    fields.push({ field: 'ticketMax', messages: ['ticketMax must not be below ticketMin'] });
  }
  if ((organization.ticketMin != null || organization.ticketMax != null) && !organization.ticketCurrency) {
    fields.push({ field: 'ticketCurrency', messages: ['ticketCurrency is required with a ticket size'] });
  }
  if (fields.length > 0) throw new ValidationError(fields);
}
