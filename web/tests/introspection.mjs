// What a client library sees: graphql-js's introspection query with every option on, turned
// back into a schema by buildClientSchema, must print exactly as the checked-in SDL
// (../schema.graphql), both sorted. Run as anonymous, and again with the bearer token when
// one is given. Usage: node tests/introspection.mjs <GraphQL endpoint URL> [token]
import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';

const [url, token] = process.argv.slice(2);
if (!url) {
  console.error('usage: node tests/introspection.mjs <GraphQL endpoint URL> [token]');
  process.exit(2);
}

const query = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
const sdl = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
const expected = printSchema(lexicographicSortSchema(buildSchema(sdl)));

/** Lines around the first difference, to show what to fix. */
function firstDifference(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  const at = left.findIndex((line, i) => line !== right[i]);
  const from = Math.max(0, at - 3);
  return `served (line ${at + 1}):\n${left.slice(from, at + 4).join('\n')}\nschema.graphql:\n${right.slice(from, at + 4).join('\n')}`;
}

let failed = 0;
for (const [who, authorization] of [['anonymous', null], ...(token ? [['with a token', `Bearer ${token}`]] : [])]) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    failed += 1;
    console.log(`FAILED  ${who}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
    continue;
  }
  let served;
  try {
    served = printSchema(lexicographicSortSchema(buildClientSchema(body.data)));
  } catch (error) {
    failed += 1;
    console.log(`FAILED  ${who}: buildClientSchema: ${error.message}`);
    continue;
  }
  if (served === expected) {
    console.log(`ok      ${who}: the introspected schema prints as schema.graphql (${served.length} characters)`);
  } else {
    failed += 1;
    console.log(`FAILED  ${who}: the introspected schema differs from schema.graphql\n${firstDifference(served, expected)}`);
  }
}
console.log(failed === 0 ? 'introspection matches schema.graphql' : `${failed} introspection check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
