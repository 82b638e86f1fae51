import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { containsPattern } from '../common/database-queries';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { DirectoryExhibitorRow, DirectoryQuery, DirectoryResponse } from './dto/directory.dto';
import { PavilionsService } from './pavilions.service';

/**
 * A text matches the search when it contains it (ILIKE, which also serves Korean, where trigrams of short words are
 * few) or resembles it (pg_trgm's word_similarity, which forgives typos such as "cosmetcs").
 */
const matches = (text: string): string => `(word_similarity($4, ${text}) > 0.3 OR ${text} ILIKE $5)`;

const EXHIBITORS = `
  SELECT a.organization_id AS "organizationId", a.exhibitor_name AS name, a.sectors, a.products,
         COALESCE(
           json_agg(json_build_object('id', b.id, 'code', b.code, 'pavilionId', b.pavilion_id, 'boothType', b.booth_type,
                                      'description', b.description, 'products', b.products, 'links', b.links)
                    ORDER BY b.code) FILTER (WHERE b.id IS NOT NULL),
           '[]') AS booths
    FROM exhibitor_applications a
    LEFT JOIN booths b ON b.application_id = a.id AND ($2::uuid IS NULL OR b.pavilion_id = $2::uuid)
   WHERE a.event_id = $1 AND a.status = 'accepted'
     AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM unnest(a.sectors) AS sector WHERE lower(sector) = lower($3::text)))
     AND ($4::text IS NULL
          OR ${matches('a.exhibitor_name')}
          OR ${matches("array_to_string(a.sectors, ' ')")}
          OR ${matches("array_to_string(a.products, ' ')")}
          OR EXISTS (SELECT 1 FROM booths s
                      WHERE s.application_id = a.id
                        AND (${matches("coalesce(s.description, '')")} OR ${matches("array_to_string(s.products, ' ')")})))
   GROUP BY a.id
  HAVING $2::uuid IS NULL OR count(b.id) > 0
   ORDER BY lower(a.exhibitor_name), a.id`;

@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventAccess: EventAccessService,
    private readonly pavilionsService: PavilionsService,
  ) {}

  /** Pavilions and accepted exhibitors with their booths, for everyone who may see the event (no sign-in needed). */
  async directory(user: AuthenticatedUser | undefined, eventId: string, query: DirectoryQuery): Promise<DirectoryResponse> {
    await this.eventAccess.requireVisible(user, eventId);
    const pavilions = await this.pavilionsService.listOfEvent(eventId);
    if (query.pavilionId && !pavilions.some((pavilion) => pavilion.id === query.pavilionId?.toLowerCase())) {
      throw new DomainError(ErrorCode.UnknownPavilion, 'No such pavilion in this event', [
        { field: 'pavilionId', messages: ['pavilionId must be a pavilion of this event'] },
      ]);
    }
    const rows: DirectoryExhibitorRow[] = await this.dataSource.query(EXHIBITORS, [
      eventId,
      query.pavilionId ?? null,
      query.sector ?? null,
      query.search ?? null,
      query.search ? containsPattern(query.search) : null,
    ]);
    return DirectoryResponse.from(pavilions, rows);
  }
}
