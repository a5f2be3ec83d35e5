// A partner institution's script: its projects and where they stand, with the operations'
// types generated from the schema by GraphQL Code Generator (`npm run codegen`).
import { graphql } from './gql';
import type { TypedDocumentString } from './gql/graphql';

declare const process: { env: Record<string, string | undefined> };
const url = `${process.env.SISMIC_URL}/graphql`;

/** Runs one operation; its variables and result are typed by the document. */
async function run<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  token?: string,
): Promise<Result> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${body.errors[0].extensions.code}: ${body.errors[0].message}`);
  return body.data as Result;
}

const SignIn = graphql(`
  mutation PartnerSignIn($email: String!, $password: String!) { login(email: $email, password: $password) { token } }
`);
const OurProjects = graphql(`
  query PartnerProjects { projects(first: 50) { edges { node { name stage status followUpCount lastFollowUpOn } } } }
`);

async function main(): Promise<void> {
  const email = process.env.SISMIC_EMAIL ?? '';
  const password = process.env.SISMIC_PASSWORD ?? '';
  const { login } = await run(SignIn, { email, password });
  const { projects } = await run(OurProjects, {}, login.token);
  for (const { node } of projects.edges) {
    console.log(`${node.name}: ${node.stage} ${node.status}, ${node.followUpCount} follow-ups`);
  }
}

// An error ends the script with a non-zero status (an unhandled rejection).
main().catch((error) => {
  console.error(error);
  throw error;
});
