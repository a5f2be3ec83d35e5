/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Where a project stands, independently of its stage. */
export type ProjectStatus =
  /** The team gave up. */
  | 'ABANDONED'
  /** Being coached. */
  | 'ACTIVE'
  /** A collective enterprise was created. Final; set only by `recordEnterpriseLaunch`. */
  | 'LAUNCHED'
  /** Paused (e.g. postponed because of COVID). */
  | 'ON_HOLD'
  /** Referred to another region's SISMIC. */
  | 'REFERRED_OUT';

/** A stage of the SISMIC pathway, in order. */
export type Stage =
  /** Idéation: the team shapes the idea and its business model. */
  | 'IDEATION'
  /** Prototypage: the team tests a prototype and prepares to launch. */
  | 'PROTOTYPING'
  /** Révélation: young people discover collective entrepreneurship and form a team around a need. */
  | 'REVELATION';

export type PartnerSignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type PartnerSignInMutation = { login: { token: string } };

export type PartnerProjectsQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerProjectsQuery = { projects: { edges: Array<{ node: { name: string, stage: Stage, status: ProjectStatus, followUpCount: number, lastFollowUpOn: string | null } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const PartnerSignInDocument = new TypedDocumentString(`
    mutation PartnerSignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
  }
}
    `) as unknown as TypedDocumentString<PartnerSignInMutation, PartnerSignInMutationVariables>;
export const PartnerProjectsDocument = new TypedDocumentString(`
    query PartnerProjects {
  projects(first: 50) {
    edges {
      node {
        name
        stage
        status
        followUpCount
        lastFollowUpOn
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PartnerProjectsQuery, PartnerProjectsQueryVariables>;