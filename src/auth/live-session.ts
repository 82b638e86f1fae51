/**
 * Whether an access token's session is still signed in, as a SQL condition over placeholders (or expressions) for the
 * session id and the user id. The one rule, for the route guard's own check and for the reads that make the check in
 * their own statement (RouteOptions.sessionCheckedByFirstRead).
 */
export function liveSessionSql(session: string, user: string): string {
  return `EXISTS (SELECT 1 FROM auth_sessions WHERE id = ${session} AND user_id = ${user} AND revoked_at IS NULL)`;
}
