/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Move a project one stage forward. */
export type AdvanceProjectStageInput = {
  /** The `version` the change is based on. */
  expectedVersion: number;
  /** Optional note. */
  note?: string | null | undefined;
  /** Project. */
  projectId: string | number;
};

/** Why a project needs attention. */
export type AttentionReason =
  /** In its current stage for more than `stageFactor` times the cohort's median stay there. */
  | 'LONG_STAY_IN_STAGE'
  /** No follow-up for `quietDays` days or more (never one: since its creation). */
  | 'NO_RECENT_FOLLOW_UP'
  /** On hold for `onHoldDays` days or more. */
  | 'ON_HOLD_TOO_LONG';

/** What a participant consents to their personal information being used for (Law 25). */
export type ConsentPurpose =
  /** Receiving news and invitations. */
  | 'COMMUNICATIONS'
  /** Appearing in photos and promotional material. */
  | 'PHOTOS'
  /** Running the pathway with them: coaching, activities, follow-ups. */
  | 'PROGRAM_DELIVERY'
  /** Being counted, anonymously, in reports to funders. */
  | 'REPORTING';

/** How a follow-up took place. */
export type FollowUpMode =
  /** Email exchange. */
  | 'EMAIL'
  /** Face to face. */
  | 'IN_PERSON'
  /** Telephone. */
  | 'PHONE'
  /** Video call. */
  | 'VIRTUAL';

/**
 * Gender of a participant, as they state it (personal information: ADMIN and agents only;
 * funders see only suppressed aggregates).
 */
export type Gender =
  /** Homme. */
  | 'MAN'
  /** Non binaire. */
  | 'NON_BINARY'
  /** The person chose not to say (préfère ne pas répondre). */
  | 'UNDISCLOSED'
  /** Femme. */
  | 'WOMAN';

/** Legal form of a collective enterprise. */
export type LegalForm =
  /** Co-operative (coopérative). */
  | 'COOPERATIVE'
  /** Non-profit organisation (OBNL). */
  | 'NONPROFIT';

/** A follow-up to log. */
export type LogFollowUpInput = {
  /** Length, 1 to 1,440 minutes. */
  durationMinutes?: number | null | undefined;
  /**
   * 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
   * first follow-up and writes nothing; with another input it is `CONFLICT`.
   */
  idempotencyKey?: string | null | undefined;
  /** How it took place. */
  mode: FollowUpMode;
  /** Date it happened, not in the future. */
  occurredOn: string;
  /** Partner met (a partner follow-up when there is no project). */
  partnerId?: string | number | null | undefined;
  /** Project (a project follow-up). At least one of `projectId`, `partnerId`. */
  projectId?: string | number | null | undefined;
  /** Region, required only from an ADMIN logging a follow-up without a project. */
  regionId?: string | number | null | undefined;
  /** What was discussed, 1 to 2,000 characters. */
  summary: string;
};

/** Move a project one stage forward, or back any number of stages with a note. */
export type MoveProjectStageInput = {
  /** The `version` the change is based on. */
  expectedVersion: number;
  /** Why; required (not only white space) when moving back. */
  note?: string | null | undefined;
  /** Project. */
  projectId: string | number;
  /** Target stage. */
  toStage: Stage;
};

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

/** A consent given by a participant. */
export type RecordConsentInput = {
  /** Date the consent was given, not in the future. */
  givenOn: string;
  /** Participant. */
  participantId: string | number;
  /** What they consented to (at least one). */
  purposes: Array<ConsentPurpose>;
};

/** Record the collective enterprise a project became. */
export type RecordEnterpriseLaunchInput = {
  /** The `version` the change is based on. */
  expectedVersion: number;
  /** Date of incorporation, not in the future. */
  launchedOn: string;
  /** Co-operative or non-profit. */
  legalForm: LegalForm;
  /** Registered name. */
  legalName: string;
  /** Quebec enterprise number (10 digits), if known. */
  neq?: string | null | undefined;
  /** Project, ACTIVE and in PROTOTYPING. */
  projectId: string | number;
};

/** A new participant (ADMIN and agents). */
export type RegisterParticipantInput = {
  /** Birth year, 1900 to this year (reports use it for age bands; no birth date is kept). */
  birthYear?: number | null | undefined;
  /** Email, optional. */
  email?: string | null | undefined;
  /** First name. */
  firstName: string;
  /** Gender, as the person states it (personal information; reports only show aggregates). */
  gender?: Gender | null | undefined;
  /**
   * 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
   * first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
   */
  idempotencyKey?: string | null | undefined;
  /** Last name. */
  lastName: string;
  /** MRC (regional county municipality) where they live, e.g. "Arthabaska" (up to 100 characters). */
  mrc?: string | null | undefined;
  /** Region that serves them; an agent may omit it (their own region). */
  regionId?: string | number | null | undefined;
};

/** Change a project's status. */
export type SetProjectStatusInput = {
  /** The `version` the change is based on. */
  expectedVersion: number;
  /** Why; required, not only white space. */
  note?: string | null | undefined;
  /** Project. */
  projectId: string | number;
  /** ACTIVE, ON_HOLD, ABANDONED or REFERRED_OUT (LAUNCHED comes from `recordEnterpriseLaunch`). */
  status: ProjectStatus;
};

/** A stage of the SISMIC pathway, in order. */
export type Stage =
  /** Idéation: the team shapes the idea and its business model. */
  | 'IDEATION'
  /** Prototypage: the team tests a prototype and prepares to launch. */
  | 'PROTOTYPING'
  /** Révélation: young people discover collective entrepreneurship and form a team around a need. */
  | 'REVELATION';

/** Corrections to a participant's identity. */
export type UpdateParticipantInput = {
  /** New birth year; null clears it; omitted keeps it. */
  birthYear?: number | null | undefined;
  /** New email; null clears it; omitted keeps it. */
  email?: string | null | undefined;
  /** New first name, if changing. */
  firstName?: string | null | undefined;
  /** New gender; null clears it; omitted keeps it. */
  gender?: Gender | null | undefined;
  /** New last name, if changing. */
  lastName?: string | null | undefined;
  /** New MRC; null clears it; omitted keeps it. */
  mrc?: string | null | undefined;
  /** Participant. */
  participantId: string | number;
};

export type ProjectCardFieldsFragment = { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } };

export type BoardProjectsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BoardProjectsQuery = { projects: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } }> } };

export type CurrentProjectQueryVariables = Exact<{
  id: string | number;
}>;


export type CurrentProjectQuery = { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } | null };

export type AdvanceProjectMutationVariables = Exact<{
  input: AdvanceProjectStageInput;
}>;


export type AdvanceProjectMutation = { advanceProjectStage: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type MoveProjectMutationVariables = Exact<{
  input: MoveProjectStageInput;
}>;


export type MoveProjectMutation = { moveProjectStage: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type SetStatusMutationVariables = Exact<{
  input: SetProjectStatusInput;
}>;


export type SetStatusMutation = { setProjectStatus: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type LogFollowUpMutationVariables = Exact<{
  input: LogFollowUpInput;
}>;


export type LogFollowUpMutation = { logFollowUp: { followUp: { id: string, occurredOn: string, project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } | null } } };

export type RecordLaunchMutationVariables = Exact<{
  input: RecordEnterpriseLaunchInput;
}>;


export type RecordLaunchMutation = { recordEnterpriseLaunch: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type ProjectDetailsQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type ProjectDetailsQuery = { project: { summary: string | null, mrc: string | null, id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string, note: string | null }>, followUps: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, occurredOn: string, mode: FollowUpMode, summary: string, durationMinutes: number | null }> }, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } | null };

export type NeedingAttentionQueryVariables = Exact<{
  quietDays: number;
  onHoldDays: number;
}>;


export type NeedingAttentionQuery = { projectsNeedingAttention: Array<{ reasons: Array<AttentionReason>, daysWithoutFollowUp: number, daysOnHold: number | null, daysInStage: number, cohortMedianDaysInStage: number | null, project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } }> };

export type ParticipantListFieldsFragment = { id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean };

export type ParticipantListQueryVariables = Exact<{
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type ParticipantListQuery = { participants: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean }> } };

export type LikelyDuplicatesQueryVariables = Exact<{
  regionId: string | number;
  firstName: string;
  lastName: string;
  email?: string | null | undefined;
  birthYear?: number | null | undefined;
}>;


export type LikelyDuplicatesQuery = { likelyDuplicates: Array<{ id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean }> };

export type RegionsQueryVariables = Exact<{ [key: string]: never; }>;


export type RegionsQuery = { regions: Array<{ id: string, code: string, name: string }> };

export type ParticipantDetailFieldsFragment = { gender: Gender | null, id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean, region: { id: string, name: string }, consents: Array<{ givenOn: string, purposes: Array<ConsentPurpose>, withdrawnOn: string | null, inForce: boolean }>, projects: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus }>, attendedActivities: Array<{ id: string, title: string, stage: Stage, heldOn: string }> };

export type ParticipantDetailsQueryVariables = Exact<{
  id: string | number;
}>;


export type ParticipantDetailsQuery = { node:
    | { gender: Gender | null, id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean, region: { id: string, name: string }, consents: Array<{ givenOn: string, purposes: Array<ConsentPurpose>, withdrawnOn: string | null, inForce: boolean }>, projects: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus }>, attendedActivities: Array<{ id: string, title: string, stage: Stage, heldOn: string }> }
    | Record<PropertyKey, never>
   | null };

export type RegisterParticipantMutationVariables = Exact<{
  input: RegisterParticipantInput;
}>;


export type RegisterParticipantMutation = { registerParticipant: { replayed: boolean, participant: { id: string, firstName: string, lastName: string } } };

export type UpdateParticipantMutationVariables = Exact<{
  input: UpdateParticipantInput;
}>;


export type UpdateParticipantMutation = { updateParticipant: { participant: { gender: Gender | null, id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean, region: { id: string, name: string }, consents: Array<{ givenOn: string, purposes: Array<ConsentPurpose>, withdrawnOn: string | null, inForce: boolean }>, projects: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus }>, attendedActivities: Array<{ id: string, title: string, stage: Stage, heldOn: string }> } } };

export type RecordConsentMutationVariables = Exact<{
  input: RecordConsentInput;
}>;


export type RecordConsentMutation = { recordConsent: { replayed: boolean, participant: { gender: Gender | null, id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean, region: { id: string, name: string }, consents: Array<{ givenOn: string, purposes: Array<ConsentPurpose>, withdrawnOn: string | null, inForce: boolean }>, projects: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus }>, attendedActivities: Array<{ id: string, title: string, stage: Stage, heldOn: string }> } } };

export type WithdrawConsentMutationVariables = Exact<{
  participantId: string | number;
}>;


export type WithdrawConsentMutation = { withdrawConsent: { participant: { gender: Gender | null, id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean, region: { id: string, name: string }, consents: Array<{ givenOn: string, purposes: Array<ConsentPurpose>, withdrawnOn: string | null, inForce: boolean }>, projects: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus }>, attendedActivities: Array<{ id: string, title: string, stage: Stage, heldOn: string }> } } };

export type EraseParticipantMutationVariables = Exact<{
  participantId: string | number;
}>;


export type EraseParticipantMutation = { eraseParticipant: { participant: { gender: Gender | null, id: string, firstName: string, lastName: string, email: string | null, birthYear: number | null, mrc: string | null, createdAt: string, anonymized: boolean, region: { id: string, name: string }, consents: Array<{ givenOn: string, purposes: Array<ConsentPurpose>, withdrawnOn: string | null, inForce: boolean }>, projects: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus }>, attendedActivities: Array<{ id: string, title: string, stage: Stage, heldOn: string }> } } };

export type ParticipantDataExportQueryVariables = Exact<{
  participantId: string | number;
}>;


export type ParticipantDataExportQuery = { participantDataExport: unknown };

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
export const ProjectCardFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}
    `, {"fragmentName":"ProjectCardFields"}) as unknown as TypedDocumentString<ProjectCardFieldsFragment, unknown>;
export const ParticipantListFieldsFragmentDoc = new TypedDocumentString(`
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}
    `, {"fragmentName":"ParticipantListFields"}) as unknown as TypedDocumentString<ParticipantListFieldsFragment, unknown>;
export const ParticipantDetailFieldsFragmentDoc = new TypedDocumentString(`
    fragment ParticipantDetailFields on Participant {
  ...ParticipantListFields
  gender
  region {
    id
    name
  }
  consents {
    givenOn
    purposes
    withdrawnOn
    inForce
  }
  projects {
    id
    name
    stage
    status
  }
  attendedActivities {
    id
    title
    stage
    heldOn
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}`, {"fragmentName":"ParticipantDetailFields"}) as unknown as TypedDocumentString<ParticipantDetailFieldsFragment, unknown>;
export const BoardProjectsDocument = new TypedDocumentString(`
    query BoardProjects($after: String) {
  projects(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...ProjectCardFields
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<BoardProjectsQuery, BoardProjectsQueryVariables>;
export const CurrentProjectDocument = new TypedDocumentString(`
    query CurrentProject($id: ID!) {
  project(id: $id) {
    ...ProjectCardFields
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<CurrentProjectQuery, CurrentProjectQueryVariables>;
export const AdvanceProjectDocument = new TypedDocumentString(`
    mutation AdvanceProject($input: AdvanceProjectStageInput!) {
  advanceProjectStage(input: $input) {
    project {
      ...ProjectCardFields
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<AdvanceProjectMutation, AdvanceProjectMutationVariables>;
export const MoveProjectDocument = new TypedDocumentString(`
    mutation MoveProject($input: MoveProjectStageInput!) {
  moveProjectStage(input: $input) {
    project {
      ...ProjectCardFields
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<MoveProjectMutation, MoveProjectMutationVariables>;
export const SetStatusDocument = new TypedDocumentString(`
    mutation SetStatus($input: SetProjectStatusInput!) {
  setProjectStatus(input: $input) {
    project {
      ...ProjectCardFields
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<SetStatusMutation, SetStatusMutationVariables>;
export const LogFollowUpDocument = new TypedDocumentString(`
    mutation LogFollowUp($input: LogFollowUpInput!) {
  logFollowUp(input: $input) {
    followUp {
      id
      occurredOn
      project {
        ...ProjectCardFields
      }
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<LogFollowUpMutation, LogFollowUpMutationVariables>;
export const RecordLaunchDocument = new TypedDocumentString(`
    mutation RecordLaunch($input: RecordEnterpriseLaunchInput!) {
  recordEnterpriseLaunch(input: $input) {
    project {
      ...ProjectCardFields
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<RecordLaunchMutation, RecordLaunchMutationVariables>;
export const ProjectDetailsDocument = new TypedDocumentString(`
    query ProjectDetails($id: ID!, $after: String) {
  project(id: $id) {
    ...ProjectCardFields
    summary
    mrc
    stageHistory {
      version
      fromStage
      toStage
      fromStatus
      toStatus
      at
      note
    }
    followUps(first: 20, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        occurredOn
        mode
        summary
        durationMinutes
      }
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<ProjectDetailsQuery, ProjectDetailsQueryVariables>;
export const NeedingAttentionDocument = new TypedDocumentString(`
    query NeedingAttention($quietDays: Int!, $onHoldDays: Int!) {
  projectsNeedingAttention(quietDays: $quietDays, onHoldDays: $onHoldDays) {
    reasons
    daysWithoutFollowUp
    daysOnHold
    daysInStage
    cohortMedianDaysInStage
    project {
      ...ProjectCardFields
    }
  }
}
    fragment ProjectCardFields on Project {
  id
  name
  stage
  status
  version
  lastFollowUpOn
  createdAt
  followUpCount
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<NeedingAttentionQuery, NeedingAttentionQueryVariables>;
export const ParticipantListDocument = new TypedDocumentString(`
    query ParticipantList($after: String, $search: String) {
  participants(first: 20, after: $after, search: $search) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...ParticipantListFields
    }
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}`) as unknown as TypedDocumentString<ParticipantListQuery, ParticipantListQueryVariables>;
export const LikelyDuplicatesDocument = new TypedDocumentString(`
    query LikelyDuplicates($regionId: ID!, $firstName: String!, $lastName: String!, $email: String, $birthYear: Int) {
  likelyDuplicates(
    regionId: $regionId
    firstName: $firstName
    lastName: $lastName
    email: $email
    birthYear: $birthYear
  ) {
    ...ParticipantListFields
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}`) as unknown as TypedDocumentString<LikelyDuplicatesQuery, LikelyDuplicatesQueryVariables>;
export const RegionsDocument = new TypedDocumentString(`
    query Regions {
  regions {
    id
    code
    name
  }
}
    `) as unknown as TypedDocumentString<RegionsQuery, RegionsQueryVariables>;
export const ParticipantDetailsDocument = new TypedDocumentString(`
    query ParticipantDetails($id: ID!) {
  node(id: $id) {
    ... on Participant {
      ...ParticipantDetailFields
    }
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}
fragment ParticipantDetailFields on Participant {
  ...ParticipantListFields
  gender
  region {
    id
    name
  }
  consents {
    givenOn
    purposes
    withdrawnOn
    inForce
  }
  projects {
    id
    name
    stage
    status
  }
  attendedActivities {
    id
    title
    stage
    heldOn
  }
}`) as unknown as TypedDocumentString<ParticipantDetailsQuery, ParticipantDetailsQueryVariables>;
export const RegisterParticipantDocument = new TypedDocumentString(`
    mutation RegisterParticipant($input: RegisterParticipantInput!) {
  registerParticipant(input: $input) {
    participant {
      id
      firstName
      lastName
    }
    replayed
  }
}
    `) as unknown as TypedDocumentString<RegisterParticipantMutation, RegisterParticipantMutationVariables>;
export const UpdateParticipantDocument = new TypedDocumentString(`
    mutation UpdateParticipant($input: UpdateParticipantInput!) {
  updateParticipant(input: $input) {
    participant {
      ...ParticipantDetailFields
    }
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}
fragment ParticipantDetailFields on Participant {
  ...ParticipantListFields
  gender
  region {
    id
    name
  }
  consents {
    givenOn
    purposes
    withdrawnOn
    inForce
  }
  projects {
    id
    name
    stage
    status
  }
  attendedActivities {
    id
    title
    stage
    heldOn
  }
}`) as unknown as TypedDocumentString<UpdateParticipantMutation, UpdateParticipantMutationVariables>;
export const RecordConsentDocument = new TypedDocumentString(`
    mutation RecordConsent($input: RecordConsentInput!) {
  recordConsent(input: $input) {
    participant {
      ...ParticipantDetailFields
    }
    replayed
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}
fragment ParticipantDetailFields on Participant {
  ...ParticipantListFields
  gender
  region {
    id
    name
  }
  consents {
    givenOn
    purposes
    withdrawnOn
    inForce
  }
  projects {
    id
    name
    stage
    status
  }
  attendedActivities {
    id
    title
    stage
    heldOn
  }
}`) as unknown as TypedDocumentString<RecordConsentMutation, RecordConsentMutationVariables>;
export const WithdrawConsentDocument = new TypedDocumentString(`
    mutation WithdrawConsent($participantId: ID!) {
  withdrawConsent(participantId: $participantId) {
    participant {
      ...ParticipantDetailFields
    }
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}
fragment ParticipantDetailFields on Participant {
  ...ParticipantListFields
  gender
  region {
    id
    name
  }
  consents {
    givenOn
    purposes
    withdrawnOn
    inForce
  }
  projects {
    id
    name
    stage
    status
  }
  attendedActivities {
    id
    title
    stage
    heldOn
  }
}`) as unknown as TypedDocumentString<WithdrawConsentMutation, WithdrawConsentMutationVariables>;
export const EraseParticipantDocument = new TypedDocumentString(`
    mutation EraseParticipant($participantId: ID!) {
  eraseParticipant(participantId: $participantId) {
    participant {
      ...ParticipantDetailFields
    }
  }
}
    fragment ParticipantListFields on Participant {
  id
  firstName
  lastName
  email
  birthYear
  mrc
  createdAt
  anonymized
}
fragment ParticipantDetailFields on Participant {
  ...ParticipantListFields
  gender
  region {
    id
    name
  }
  consents {
    givenOn
    purposes
    withdrawnOn
    inForce
  }
  projects {
    id
    name
    stage
    status
  }
  attendedActivities {
    id
    title
    stage
    heldOn
  }
}`) as unknown as TypedDocumentString<EraseParticipantMutation, EraseParticipantMutationVariables>;
export const ParticipantDataExportDocument = new TypedDocumentString(`
    query ParticipantDataExport($participantId: ID!) {
  participantDataExport(participantId: $participantId)
}
    `) as unknown as TypedDocumentString<ParticipantDataExportQuery, ParticipantDataExportQueryVariables>;