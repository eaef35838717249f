import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '../../i18n/fi.js';
import { InputError } from '../../lib/errors.js';
import { loadCustomer } from '../customers/card.js';
import { CONTACT_ROLES, type RoleAssignments, setContactRoles } from './queries.js';

/** The roles form: each role's select sends a contact person id, or '' for nobody. */
function parseRolesForm(body: Record<string, unknown>): RoleAssignments {
  const errors: Record<string, MessageKey> = {};
  const out = {} as RoleAssignments;
  for (const role of CONTACT_ROLES) {
    const raw = body[role];
    if (raw === undefined || raw === '') out[role] = null;
    else if (typeof raw === 'string' && /^\d{1,9}$/.test(raw) && Number(raw) > 0) out[role] = Number(raw);
    else errors[role] = 'validation.invalid';
  }
  if (Object.keys(errors).length) throw new InputError(errors);
  return out;
}

/** Contact roles (R-REG-8) of an organisation, set on the card's contact-persons tab. */
export default async function contactRoleRoutes(app: FastifyInstance) {
  const db = app.db;

  app.post('/customers/:id/contact-roles', async (request, reply) => {
    const { customer } = await loadCustomer(db, request);
    const roles = parseRolesForm(request.body as Record<string, unknown>);
    const changed = await setContactRoles(db, customer.id, roles, request.user!.id);
    reply.flash(changed ? 'success' : 'info', changed ? 'contactRoles.saved' : 'contactRoles.unchanged');
    return reply.seeOther(`/customers/${customer.id}/contact-persons`);
  });
}
