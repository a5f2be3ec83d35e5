// PostGraphile v5 serving the benchmark database, as someone reaching for "a GraphQL API over
// PostgreSQL" would set it up: the Amber preset over the `public` schema (plus `bench`, which
// holds the SQL function standing for `cohortReport`), one pool of `PG_POOL_MAX` connections,
// and the request's identity passed to PostgreSQL as `pgSettings`, so that the same row-level
// security policies decide what each caller sees.
//
// The identity comes from the same tokens our server issues (HS256 JWTs signed with
// SISMIC_JWT_SECRET): the signature and expiry are checked here; PostGraphile does not look up
// revocations (our server does, inside the request's transaction).
//
//   DATABASE_URL=… SISMIC_JWT_SECRET=… PORT=5678 node server.mjs
//   node server.mjs --print-schema   (prints the generated SDL and exits)

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { printSchema } from 'postgraphile/graphql';

const secret = process.env.SISMIC_JWT_SECRET ?? '';
const port = Number(process.env.PORT ?? 5678);

function base64url(text) {
  return Buffer.from(text, 'base64url');
}

/** The claims of a valid token, or null. */
function verify(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = base64url(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const head = JSON.parse(base64url(header).toString('utf8'));
  if (head.alg !== 'HS256') return null;
  const claims = JSON.parse(base64url(payload).toString('utf8'));
  if (typeof claims.exp !== 'number' || claims.exp < Date.now() / 1000) return null;
  return claims;
}

/** What our server's Store::begin sets for a signed-in user. */
function pgSettingsFor(authorization) {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : null;
  const claims = token ? verify(token) : null;
  if (!claims) return { role: 'sismic_app' };
  return {
    role: 'sismic_app',
    'sismic.role': claims.role,
    'sismic.region_id': claims.region ?? '',
    'sismic.partner_id': claims.partner ?? '',
    'sismic.user_id': claims.sub,
  };
}

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public', 'bench'],
      poolConfig: { max: Number(process.env.PG_POOL_MAX ?? 10) },
    }),
  ],
  grafast: {
    explain: false,
    context(requestContext) {
      const headers = requestContext.node?.req?.headers ?? {};
      return { pgSettings: pgSettingsFor(headers.authorization) };
    },
  },
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
};

const pgl = postgraphile(preset);

if (process.argv.includes('--print-schema')) {
  const schema = await pgl.getSchema();
  process.stdout.write(printSchema(schema));
  await pgl.release();
  process.exit(0);
}

const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
serv.addTo(server).catch((error) => {
  console.error(error);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => console.log(`PostGraphile v5 on http://127.0.0.1:${port}/graphql`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    pgl.release().finally(() => process.exit(0));
  });
}
