import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import {
  AddOrganizationMemberDto,
  CreateOrganizationDto,
  OrganizationMemberResponse,
  OrganizationResponse,
  UpdateOrganizationDto,
  UpdateOrganizationMemberDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizationsService: OrganizationsService) {}

  @Post()
  @Route({ summary: 'Create an organization (you become its owner)', response: OrganizationResponse, status: HttpStatus.CREATED })
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.organizationsService.create(user, dto);
  }

  @Get()
  @Route({ summary: 'Organizations you belong to', response: [OrganizationResponse] })
  listMine(@CurrentUser() user: AuthenticatedUser): Promise<OrganizationResponse[]> {
    return this.organizationsService.listMine(user);
  }

  @Get(':organizationId')
  @Route({ summary: 'An organization profile', response: OrganizationResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organizationId', ParseIdPipe) organizationId: string,
  ): Promise<OrganizationResponse> {
    return this.organizationsService.get(user, organizationId);
  }

  @Patch(':organizationId')
  @Route({ summary: 'Update the profile (owners)', response: OrganizationResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organizationId', ParseIdPipe) organizationId: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationResponse> {
    return this.organizationsService.update(user, organizationId, dto);
  }

  @Get(':organizationId/members')
  @Route({ summary: 'Members (members only)', response: [OrganizationMemberResponse] })
  listMembers(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organizationId', ParseIdPipe) organizationId: string,
  ): Promise<OrganizationMemberResponse[]> {
    return this.organizationsService.listMembers(user, organizationId);
  }

  @Post(':organizationId/members')
  @Route({ summary: 'Add a person by the email of their account (owners)', response: OrganizationMemberResponse, status: HttpStatus.CREATED })
  addMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organizationId', ParseIdPipe) organizationId: string,
    @Body() dto: AddOrganizationMemberDto,
  ): Promise<OrganizationMemberResponse> {
    return this.organizationsService.addMember(user, organizationId, dto);
  }

  @Patch(':organizationId/members/:userId')
  @Route({ summary: "Change a member's role (owners)", response: OrganizationMemberResponse })
  updateMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organizationId', ParseIdPipe) organizationId: string,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() dto: UpdateOrganizationMemberDto,
  ): Promise<OrganizationMemberResponse> {
    return this.organizationsService.updateMember(user, organizationId, userId, dto);
  }

  @Delete(':organizationId/members/:userId')
  @Route({ summary: 'Remove a member (owners), or leave (yourself)' })
  removeMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('organizationId', ParseIdPipe) organizationId: string,
    @Param('userId', ParseIdPipe) userId: string,
  ): Promise<void> {
    return this.organizationsService.removeMember(user, organizationId, userId);
  }
}
