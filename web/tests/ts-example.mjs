// Compiles and runs the README's TypeScript example (examples/partner-projects.ts, typed by
// GraphQL Code Generator from ../schema.graphql) against a live server.
// Usage: node tests/ts-example.mjs <server URL> <email> <password>
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, email, password] = process.argv.slice(2);
if (!password) {
  console.error('usage: node tests/ts-example.mjs <server URL> <email> <password>');
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'sismic-ts-example-'));
try {
  // The example compiles to CommonJS (web/ itself is an ES module package).
  writeFileSync(join(out, 'package.json'), '{"type":"commonjs"}\n');
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.json', '--silent'], { stdio: 'inherit' });
  execFileSync('npx', ['tsc', '-p', 'examples', '--outDir', out], { stdio: 'inherit' });
  const output = execFileSync('node', [join(out, 'partner-projects.js')], {
    env: { ...process.env, SISMIC_URL: url, SISMIC_EMAIL: email, SISMIC_PASSWORD: password },
    encoding: 'utf8',
  });
  process.stdout.write(output);
  console.log('typescript example ok');
} finally {
  rmSync(out, { recursive: true, force: true });
}
