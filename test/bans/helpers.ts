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
