/** Who is calling: set on the request by the JWT guard, passed first to every service method. */
export interface AuthenticatedUser {
  id: string;
  sessionId: string;
  isPlatformAdmin: boolean;
}
