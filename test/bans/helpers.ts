import type { Agent } from '../helpers/app.js';

/** Creates a customer through the form and returns its id. */
export async function newCustomer(
  agent: Agent,
  kindId: number,
  fields: Record<string, string>,
): Promise<number> {
  const res = await agent.post('/customers', { kindId: String(kindId), ...fields });
  const id = Number(/\/customers\/(\d+)/.exec(String(res.headers.location))?.[1]);
  if (!id) throw new Error(`customer not created: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return id;
}

/** Adds a contact person to an organisation through the form and returns its id. */
export async function newContactPerson(
  agent: Agent,
  orgId: number,
  fields: Record<string, string>,
  findId: () => Promise<number>,
): Promise<number> {
  const res = await agent.post(`/customers/${orgId}/contact-persons`, fields);
  if (res.statusCode !== 303) throw new Error(`contact person not created: ${res.statusCode}`);
  return findId();
}
