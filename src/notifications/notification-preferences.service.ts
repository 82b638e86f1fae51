import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { ValidationError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { MutesResponse, WriteMutesDto } from './dto/notification-settings.dto';
import { NotificationKind, UNMUTABLE_KINDS } from './notification.enums';

/** What a person does not want to hear about. */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(user: AuthenticatedUser): Promise<MutesResponse> {
    const rows = await queryRows<{ kind: NotificationKind }>(this.dataSource.manager, 'SELECT kind::text AS kind FROM notification_mutes WHERE user_id = $1 ORDER BY kind', [user.id]);
    return { mutedKinds: rows.map((row) => row.kind), alwaysSent: [...UNMUTABLE_KINDS] };
  }

  /** Replaces the list in one transaction. */
  async put(user: AuthenticatedUser, dto: WriteMutesDto): Promise<MutesResponse> {
    const refused = dto.mutedKinds.filter((kind) => UNMUTABLE_KINDS.includes(kind));
    if (refused.length > 0) throw new ValidationError([{ field: 'mutedKinds', messages: [`${refused.join(', ')} cannot be muted`] }]);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM notification_mutes WHERE user_id = $1 AND kind <> ALL($2::notification_kind[])', [user.id, dto.mutedKinds]);
      await manager.query('INSERT INTO notification_mutes (user_id, kind) SELECT $1, unnest($2::notification_kind[]) ON CONFLICT DO NOTHING', [user.id, dto.mutedKinds]);
    });
    return this.get(user);
  }
}
