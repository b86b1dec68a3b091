// Runs the @nestjs/swagger CLI plugin (its options come from nest-cli.json) over the TypeScript
// program and writes what it learns to apps/api/src/metadata.ts: property types, validation limits
// and JSDoc of the *.dto.ts classes, return types and summaries of the *.controller.ts handlers.
// The build uses swc, which cannot run TypeScript transformers, so the plugin runs here instead and
// the API loads the result with SwaggerModule.loadPluginMetadata(). The file is committed.
//   npm run openapi:metadata          regenerate apps/api/src/metadata.ts
//   node scripts/openapi-metadata.mjs --check   fail when the committed file is stale
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Only the API and its libs: the bench's ceiling app has controllers too, which are not the API's.
const sourceDir = join(root, 'apps/api/src');
const target = join(sourceDir, 'metadata.ts');
const check = process.argv.includes('--check');

const nestCli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8'));
const { options } = nestCli.compilerOptions.plugins.find((plugin) => plugin.name === '@nestjs/swagger');

// Imports in the file are relative to sourceDir (pathToSource) wherever it is written.
const outputDir = check ? mkdtempSync(join(tmpdir(), 'openapi-metadata-')) : sourceDir;
new PluginMetadataGenerator().generate({
  visitors: [new ReadonlyVisitor({ ...options, esmCompatible: true, pathToSource: sourceDir })],
  tsProgramRef: ReadonlyVisitor.createTsProgram(join(root, 'tsconfig.openapi.json')),
  outputDir,
  filename: 'metadata.ts',
});
const printed = readFileSync(join(outputDir, 'metadata.ts'), 'utf8');
// The printer's layout is not prettier's: format it so the file is stable and reads like the rest.
const formatted = await prettier.format(printed, { ...(await prettier.resolveConfig(target)), filepath: target });

if (check) {
  rmSync(outputDir, { recursive: true, force: true });
  if (readFileSync(target, 'utf8') !== formatted) {
    console.error('apps/api/src/metadata.ts is out of date: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('apps/api/src/metadata.ts matches the code.');
} else {
  writeFileSync(target, formatted);
  console.log('Wrote apps/api/src/metadata.ts.');
}
