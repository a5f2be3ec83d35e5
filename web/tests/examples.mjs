// GraphiQL's example operations (graphiql/examples.js) validate against the checked-in SDL
// (../schema.graphql), with graphql-js's own validation rules: a renamed field fails here, not
// in a newcomer's browser. Usage: node tests/examples.mjs. Exits 1 on any error.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { defaultHeaders, tabs } from '../graphiql/examples.js';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
let failed = 0;
const names = new Set();
for (const tab of tabs) {
  let errors;
  try {
    const document = parse(tab.query);
    errors = validate(schema, document);
    for (const definition of document.definitions) {
      const name = definition.name?.value;
      if (!name) errors = [...errors, new Error('every example operation has a name')];
      else if (names.has(name)) errors = [...errors, new Error(`operation name ${name} is used twice`)];
      names.add(name);
    }
    JSON.parse(tab.variables);
  } catch (error) {
    errors = [error];
  }
  if (errors.length === 0) {
    console.log(`ok      ${tab.title}`);
  } else {
    failed += 1;
    console.log(`FAILED  ${tab.title}:\n  ${errors.map((e) => e.message).join('\n  ')}`);
  }
}
if (!JSON.parse(defaultHeaders).Authorization?.startsWith('Bearer ')) {
  failed += 1;
  console.log('FAILED  the default headers prefill "Authorization": "Bearer "');
}
console.log(`${tabs.length - failed} of ${tabs.length} examples validate`);
process.exit(failed === 0 ? 0 : 1);
