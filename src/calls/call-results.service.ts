import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { OrganizationsService } from '../organizations/organizations.service';
import { CallApplicationStatus, CallDecision, CallKind } from './call.enums';

export interface CallSummary {
  id: string;
  eventId: string;
  kind: CallKind;
  title: string;
  hostOrganizationId: string | null;
  resultsPublishedAt: Date | null;
}

export interface ApplicationSummary {
  id: string;
  callId: string;
  eventId: string;
  organizationId: string;
  organizationName: string;
  status: CallApplicationStatus;
  decision: CallDecision | null;
}

/**
 * What other modules ask of calls (this is the module's only export): IR pitch sessions line up a call's selected
 * applications, and challenge winners become collaboration projects.
 */
@Injectable()
export class CallResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizationsService: OrganizationsService,
  ) {}

  /** The call if it belongs to the event, else null (callers answer 404 or name the field). */
  async findCall(eventId: string, callId: string): Promise<CallSummary | null> {
    if (!isUUID(callId)) return null;
    const [call] = await queryRows<CallSummary>(
      this.dataSource.manager,
      `SELECT id, event_id AS "eventId", kind::text AS kind, title, host_organization_id AS "hostOrganizationId",
              results_published_at AS "resultsPublishedAt"
         FROM calls WHERE id = $1 AND event_id = $2`,
      [callId, eventId],
    );
    return call ?? null;
  }

  /** Applications of the event by id (unknown ids and other events' applications are left out), with their names. */
  async applications(eventId: string, applicationIds: string[]): Promise<ApplicationSummary[]> {
    const ids = applicationIds.filter((id) => isUUID(id));
    if (ids.length === 0) return [];
    const rows = await queryRows<Omit<ApplicationSummary, 'organizationName'>>(
      this.dataSource.manager,
      `SELECT id, call_id AS "callId", event_id AS "eventId", organization_id AS "organizationId", status::text AS status,
              decision::text AS decision
         FROM call_applications WHERE event_id = $1 AND id = ANY($2::uuid[])`,
      [eventId, ids],
    );
    const names = await this.organizationsService.namesByIds([...new Set(rows.map((row) => row.organizationId))]);
    return rows.map((row) => ({ ...row, organizationName: names.get(row.organizationId) ?? '' }));
  }
}

/** Selected and still submitted: what pitches and becomes a project. */
export function isSelected(application: Pick<ApplicationSummary, 'status' | 'decision'>): boolean {
  return application.status === CallApplicationStatus.Submitted && application.decision === CallDecision.Selected;
}
