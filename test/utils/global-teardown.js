import { withClient } from './global-setup.js';

export default async function globalTeardown() {
  const run = globalThis.__TEST_RUN__;
  if (!run) return;
  await withClient(run.adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${run.databaseName}" WITH (FORCE)`),
  );
  await run.embedded?.stop();
}
