/**
 * Command line: `npm run cli -- <command> [options]`.
 *   create-user --username NAME --role admin|staff|readonly [--name "Display Name"] [--language fi|en]
 *       password from KANTA_PASSWORD, else asked on the terminal
 *   create-token --username NAME [--name LABEL]    prints only the token on stdout
 *   demo-data --customers N [--seed S]             fills a realistic Finnish demo register
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { users } from './db/schema/index.js';
import { createApiToken, createUser } from './features/auth/queries.js';
import { newUserSchema } from './features/auth/schemas.js';
import { generateDemoData } from './features/demo/generate.js';
import { translator } from './i18n/index.js';
import { InputError } from './lib/errors.js';
import { parseInput } from './lib/validation.js';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    language: { type: 'string' },
    customers: { type: 'string' },
    seed: { type: 'string' },
  },
});

/** A refusal with a message for the person at the terminal (exit code 2). */
class CliError extends Error {}
const fail = (message: string): never => {
  throw new CliError(message);
};

async function askPassword(): Promise<string> {
  if (process.env.KANTA_PASSWORD) return process.env.KANTA_PASSWORD;
  if (!process.stdin.isTTY) fail('Set KANTA_PASSWORD or run in a terminal to type the password.');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const password = await rl.question('Password (at least 10 characters): ');
  rl.close();
  return password;
}

const log = (m: string) => process.stderr.write(`${m}\n`);
const config = loadConfig();
const database = await openDatabase(config).catch((e: unknown) => {
  log(`Could not open the database: ${e instanceof Error ? e.message : String(e)}`);
  if (!config.databaseUrl) {
    log(
      `With no DATABASE_URL the CLI starts the embedded PostgreSQL in ${config.dataDir}/pg itself; if Kanta is running, stop it first or set DATABASE_URL=postgres://kanta:kanta@127.0.0.1:${config.embeddedPgPort}/kanta`,
    );
  }
  process.exit(2);
});

try {
  await runMigrations(database.url);
  if (command === 'create-user') {
    const input = parseInput(newUserSchema, {
      username: values.username,
      displayName: values.name ?? values.username,
      password: await askPassword(),
      role: values.role,
      language: values.language ?? 'fi',
    });
    const user = await createUser(database.db, input);
    log(`Created ${user.role} ${user.username} (id ${user.id}).`);
  } else if (command === 'create-token') {
    if (!values.username) fail('Give --username.');
    const [user] = await database.db.select().from(users).where(eq(users.username, values.username!));
    if (!user) fail(`No user ${values.username}.`);
    process.stdout.write(`${await createApiToken(database.db, user!.id, values.name ?? 'cli')}\n`);
  } else if (command === 'demo-data') {
    const count = Number(values.customers ?? '1000');
    if (!Number.isInteger(count) || count < 1) fail('--customers must be a positive whole number.');
    await generateDemoData(database.db, { customers: count, seed: Number(values.seed ?? '1'), log });
  } else {
    fail('Commands: create-user, create-token, demo-data (see src/cli.ts).');
  }
} catch (e) {
  if (!(e instanceof InputError || e instanceof CliError)) throw e;
  const t = translator('en');
  log(
    e instanceof InputError
      ? Object.entries(e.fields)
          .map(([f, k]) => `${f}: ${t(k)}`)
          .join('\n')
      : e.message,
  );
  process.exitCode = 2;
} finally {
  await database.close();
}
