import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../src/app.factory.js';
import { openApiDocument, stableJson } from '../src/http/openapi.js';

/**
 * `npm run openapi` writes openapi.json from the code; with --check it only says whether the
 * file is up to date (the test suite runs that, so an API change shows in review).
 */
const target = new URL('../../openapi.json', import.meta.url);
// Preview mode builds the module graph without connecting to the database.
const app = await createApp('silent', { preview: true });
const generated = stableJson(openApiDocument(app));
await app.close();

if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== generated) {
    console.error('openapi.json is out of date: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('openapi.json is up to date');
} else {
  writeFileSync(target, generated);
  console.log('openapi.json written from the code');
}
