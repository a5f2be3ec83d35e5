// graphql-http's own audit of a GraphQL-over-HTTP server (written by the spec's authors):
// every MUST, SHOULD and MAY. Usage: node tests/http-audit.mjs http://127.0.0.1:8080/graphql
// Exits 1 unless every audit passes; prints each result either way.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node tests/http-audit.mjs <GraphQL endpoint URL>');
  process.exit(2);
}

const results = await auditServer({ url });
let failed = 0;
for (const result of results) {
  if (result.status === 'ok') {
    console.log(`ok      ${result.id} ${result.name}`);
  } else {
    failed += 1;
    let detail = result.reason;
    if (result.response) {
      const body = await result.response.text().catch(() => '');
      detail += ` (status ${result.response.status}, content-type ${result.response.headers.get('content-type')}, body ${body.slice(0, 200)})`;
    }
    console.log(`${result.status.padEnd(7)} ${result.id} ${result.name}: ${detail}`);
  }
}
console.log(`${results.length - failed} of ${results.length} audits pass`);
process.exit(failed === 0 ? 0 : 1);
