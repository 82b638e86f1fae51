/**
 * SET clause that gives a booth back to the floor: no exhibitor, and an empty profile, so the next exhibitor does
 * not inherit the last one's description, products or staff.
 */
export const RELEASED_BOOTH = `status = 'available', application_id = NULL, organization_id = NULL, description = NULL,
  products = '{}', links = '{}', staff_on_duty = '{}', updated_at = now()`;
