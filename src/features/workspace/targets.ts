/*
 * What the CRM workspace lists hold (R-WS-1): one target type at a time per list.
 * `target_id` is customers.id for person, organisation, agent and guardian;
 * contact_persons.id for contact_person; users.id for staff. Everything that reads the
 * lists (criteria, lists, the selection, the field catalogue) takes its types from here.
 */

export const TARGET_TYPES = [
  'person',
  'organisation',
  'contact_person',
  'agent',
  'staff',
  'guardian',
] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** The target types whose target is a customer row (a person or an organisation). */
export const CUSTOMER_TARGETS = ['person', 'organisation', 'agent', 'guardian'] as const;
export type CustomerTarget = (typeof CUSTOMER_TARGETS)[number];

export function isTargetType(value: unknown): value is TargetType {
  return typeof value === 'string' && (TARGET_TYPES as readonly string[]).includes(value);
}

export function isCustomerTarget(targetType: TargetType): targetType is CustomerTarget {
  return (CUSTOMER_TARGETS as readonly string[]).includes(targetType);
}

/** What a target id points at: a customer, a contact person, or a staff user. */
export type TargetEntity = 'customer' | 'contact_person' | 'staff';

export function targetEntity(targetType: TargetType): TargetEntity {
  if (targetType === 'contact_person') return 'contact_person';
  if (targetType === 'staff') return 'staff';
  return 'customer';
}
