import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { DEMO_EVENTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-data';
import { seedBigBangChallenge, seedBostonPitches } from './demo-calls-seed';
import { seedBostonInvestorCalendar } from './demo-calendar-seed';
import { seedBostonConsultation } from './demo-consultations-seed';
import { seedExpoFloor, seedProgramme } from './demo-floor-seed';
import { seedDemoNotifications } from './demo-notifications-seed';

/**
 * Loads the demo data in one transaction. Idempotent: every row is written with ON CONFLICT DO NOTHING on its
 * natural key, so a second run changes nothing (and keeps what people changed since). Returns how many accounts it
 * created.
 */
export async function loadDemoData(dataSource: DataSource): Promise<number> {
  const passwordHash = await argon2.hash(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    const userIds = await seedPeople(manager, passwordHash);
    await seedOrganizations(manager, userIds);
    await seedEvents(manager, userIds);
    await seedExpoFloor(manager, userIds.byEmail);
    await seedProgramme(manager, userIds.byEmail);
    await seedBostonConsultation(manager, passwordHash);
    await seedBigBangChallenge(manager);
    await seedBostonPitches(manager);
    await seedBostonInvestorCalendar(manager);
    await seedDemoNotifications(manager);
    return userIds.created;
  });
}

async function seedPeople(manager: EntityManager, passwordHash: string): Promise<{ byEmail: Map<string, string>; created: number }> {
  let created = 0;
  for (const person of DEMO_PEOPLE) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO users (email, password_hash, name, language, time_zone, is_platform_admin)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [person.email, passwordHash, person.name, person.language, person.timeZone, person.isPlatformAdmin ?? false],
    );
    created += inserted.length;
  }
  const rows: Array<{ id: string; email: string }> = await manager.query('SELECT id, email FROM users WHERE email = ANY($1)', [
    DEMO_PEOPLE.map((person) => person.email),
  ]);
  return { byEmail: new Map(rows.map((row) => [row.email, row.id])), created };
}

async function seedOrganizations(manager: EntityManager, userIds: { byEmail: Map<string, string> }): Promise<void> {
  for (const organization of DEMO_ORGANIZATIONS) {
    await manager.query(
      `INSERT INTO organizations (id, name, kind, investor_type, sectors, stage, country, website, description,
                                  ticket_min, ticket_max, ticket_currency, focus_sectors, focus_stages)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::company_stage[])
       ON CONFLICT (id) DO NOTHING`,
      [
        organization.id,
        organization.name,
        organization.kind,
        organization.investorType ?? null,
        organization.sectors,
        organization.stage ?? null,
        organization.country,
        organization.website ?? null,
        organization.description,
        organization.ticketMin ?? null,
        organization.ticketMax ?? null,
        organization.ticketCurrency ?? null,
        organization.focusSectors ?? [],
        organization.focusStages ?? [],
      ],
    );
    for (const member of organization.members) {
      await manager.query(
        `INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [organization.id, userIds.byEmail.get(member.email), member.role],
      );
    }
  }
}

async function seedEvents(manager: EntityManager, userIds: { byEmail: Map<string, string> }): Promise<void> {
  for (const event of DEMO_EVENTS) {
    await manager.query(
      `INSERT INTO events (slug, name, description, venue_name, venue_address, time_zone, starts_on, ends_on, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (slug) DO NOTHING`,
      [event.slug, event.name, event.description, event.venueName, event.venueAddress, event.timeZone, event.startsOn, event.endsOn, event.status],
    );
    const [{ id: eventId }]: Array<{ id: string }> = await manager.query('SELECT id FROM events WHERE slug = $1', [event.slug]);
    for (const member of event.members) {
      await manager.query(
        `INSERT INTO event_memberships (event_id, user_id, roles) VALUES ($1, $2, $3::event_role[]) ON CONFLICT DO NOTHING`,
        [eventId, userIds.byEmail.get(member.email), member.roles],
      );
    }
  }
}
