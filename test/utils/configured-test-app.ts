/**
 * The test kit (`createTestApp`, `dataSourceOf`, `truncateAll`, `createUser`) for an API whose
 * environment differs from the run's (e.g. `RECOMMENDATIONS_SIZE`, `REDIS_URL`). The configuration
 * is read when the API's modules are first imported, so a test file using this must reach the API
 * only through it (no static import of test-app.js or users.factory.js). Jest gives every test
 * file its own modules and its own copy of process.env, so nothing leaks into other files.
 */
export async function loadTestKitWithEnv(env: Record<string, string>) {
  Object.assign(process.env, env);
  const testApp = await import('./test-app.js');
  const users = await import('../factories/users.factory.js');
  return { ...testApp, ...users };
}
