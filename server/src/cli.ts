import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.ts';
import { openMigratedDatabase, startServer, type RunningServer } from './platform/server.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { createAdmin } from './modules/persons/admin-bootstrap.service.ts';
import { runDemoSeed } from './seed/demo-seed.ts';

const HELP = `Usage: rushes <command> [options]

Commands:
  serve                                  Start the API and web app (default command of npm start)
  migrate                                Apply database migrations and exit
  create-admin <email> --password <pw>   Create an admin account (or reset an existing one to admin)
  seed --bench [--tier F|S|small] [--seed N]
                                         Load a benchmark dataset (deterministic for a seed; default tier F,
                                         seed 1) into an empty database; see bench/README.md
  seed --demo                            Add a populated demo production and demo accounts (printed)
  --help                                 Show this help

Configuration (environment variables):
  PORT                   HTTP port (default 8080)
  DATABASE_URL           External PostgreSQL; when unset Rushes starts its own embedded PostgreSQL
  RUSHES_DATA_DIR        Data directory for the embedded database and files (default ./data)
  RUSHES_ADMIN_EMAIL     Email of the admin created on first start
  RUSHES_ADMIN_PASSWORD  Password of that admin (otherwise one is generated and printed once)
  RUSHES_EMBEDDED_PG_PORT  Port of the embedded PostgreSQL on 127.0.0.1 (default 54329)
  See README.md for every setting.
`;

const log = (line: string) => console.log(line);

async function serve(): Promise<void> {
  let server: RunningServer | undefined = undefined;
  let pendingSignal: string | undefined;
  const shutdown = (signal: string) => {
    if (!server) {
      // Starting (initdb, crash recovery, migrations): stop as soon as it has started. A second signal kills.
      pendingSignal = signal;
      log(`${signal} received, stopping Rushes once it has started…`);
      return;
    }
    log(`${signal} received, stopping Rushes…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  server = await startServer(loadConfig(), log);
  if (pendingSignal) shutdown(pendingSignal);
}

/** migrate and create-admin: the database (the running server's embedded one when there is one), then exit. */
async function withDatabase<T>(work: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const { handle, resolved } = await openMigratedDatabase(loadConfig(), 'tool', log);
  // Interrupted: stop an embedded PostgreSQL started for this command rather than leave it running.
  const interrupt = () => void resolved.release().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await work(handle);
  } finally {
    await handle.close();
    await resolved.release();
  }
}

type ParsedValues = ReturnType<typeof parseCommandLine>['values'];

/** `seed --bench`: the benchmark's dataset (bench/dataset), loaded only when asked for. */
async function seedBench(values: ParsedValues): Promise<number> {
  const { runBenchSeed } = await import('../../bench/dataset/seed-command.ts');
  const refused = await runBenchSeed({ tier: values.tier, seed: values.seed }, (work) => withDatabase((handle) => work(handle.pool)), log);
  if (refused) {
    process.stderr.write(`${refused}\n`);
    return 2;
  }
  return 0;
}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      password: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      demo: { type: 'boolean' },
      bench: { type: 'boolean' },
      tier: { type: 'string' },
      seed: { type: 'string' },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command = 'serve', ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case 'serve':
      await serve();
      return -1;
    case 'migrate':
      await withDatabase(async () => log('Database is up to date.'));
      return 0;
    case 'create-admin': {
      const email = rest[0];
      if (!email || !values.password) {
        process.stderr.write('Usage: rushes create-admin <email> --password <password>\n');
        return 2;
      }
      const password = values.password;
      const config = loadConfig();
      const admin = await withDatabase((handle) =>
        createAdmin(handle.db, { email, password, firstName: values['first-name'], lastName: values['last-name'] }, config.minPasswordLength),
      );
      log(`Admin ${admin.email} is ready (id ${admin.id}).`);
      return 0;
    }
    case 'seed': {
      if (values.demo) {
        const config = loadConfig();
        await withDatabase((handle) =>
          runDemoSeed(handle.db, { adminEmail: config.adminEmail, adminPassword: config.adminPassword, minPasswordLength: config.minPasswordLength }, log),
        );
        return 0;
      }
      if (values.bench) return seedBench(values);
      process.stderr.write('Usage: rushes seed --demo | --bench [--tier F|S|small] [--seed N]\n');
      return 2;
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
