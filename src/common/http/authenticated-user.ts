/** Who is calling: set on the request by the JWT guard, passed first to every service method. */
export interface AuthenticatedUser {
  id: string;
  sessionId: string;
  isPlatformAdmin: boolean;
  /**
   * The token is valid but its session is not yet known to be signed in: on routes that check it in their first read
   * (RouteOptions.sessionCheckedByFirstRead), that read answers 401 for a signed-out session before anything else.
   */
  sessionUnconfirmed?: boolean;
}
