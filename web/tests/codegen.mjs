// GraphQL Code Generator (client preset) against the live server, as a partner's TypeScript
// project would run it: `schema` is the endpoint URL (introspected over HTTP), `documents` are
// GraphiQL's example operations. Writes into a temporary folder, checks the output types the
// examples' operations (the cohort report's `CohortReport` query among them) and the enums
// they use, then removes it (KEEP=1 keeps it).
// Usage: node tests/codegen.mjs <GraphQL endpoint URL>
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { tabs } from '../graphiql/examples.js';

const url = process.argv[2] ?? process.env.SISMIC_GRAPHQL_URL;
if (!url) {
  console.error('usage: node tests/codegen.mjs <GraphQL endpoint URL> (or SISMIC_GRAPHQL_URL)');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'sismic-codegen-'));
let ok = false;
try {
  const documents = join(dir, 'examples.graphql');
  writeFileSync(documents, tabs.map((tab) => tab.query).join('\n'));
  const out = join(dir, 'gql') + '/';
  await generate(
    {
      schema: url,
      documents,
      // The client preset types what the documents select (and the enums and inputs they use).
      generates: { [out]: { preset: 'client', config: { enumsAsTypes: true } } },
      silent: true,
      errorsOnly: true,
    },
    true,
  );
  const file = join(out, 'graphql.ts');
  if (!existsSync(file)) throw new Error(`codegen wrote no ${file}`);
  const text = readFileSync(file, 'utf8');
  const wanted = [
    'export type RapportDeCohorte_CohortReportQuery = { cohortReport: {',
    'export type Stage =',
    'export type ConsignerUnSuivi_LogFollowUpMutation =',
  ];
  const missing = wanted.filter((name) => !text.includes(name));
  if (missing.length > 0) throw new Error(`the generated graphql.ts lacks: ${missing.join(', ')}`);
  console.log(`codegen ok: ${file} (${text.length} characters) names ${wanted.join(', ')}`);
  ok = true;
} catch (error) {
  console.error(`codegen failed: ${error.stack ?? error}`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
