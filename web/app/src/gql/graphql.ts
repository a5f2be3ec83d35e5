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

/** A new activity of the pathway. */
export type CreateActivityInput = {
  /** Cohort. */
  cohortId: string | number;
  /** Date held, within the cohort's dates. */
  heldOn: string;
  /**
   * 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
   * first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
   */
  idempotencyKey?: string | null | undefined;
  /** Stage it belongs to. */
  stage: Stage;
  /** Title. */
  title: string;
};

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

/** Participants present at an activity. */
export type RecordAttendanceInput = {
  /** Activity. */
  activityId: string | number;
  /** 1 to 500 participants of the activity's region; those already recorded are left as is. */
  participantIds: Array<string | number>;
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

export type ActivityListFieldsFragment = { id: string, title: string, stage: Stage, heldOn: string, attendeeCount: number, cohort: { id: string, name: string } };

export type ActivityCohortsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ActivityCohortsQuery = { cohorts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, startsOn: string, endsOn: string, region: { id: string, name: string } }> } };

export type ActivityListQueryVariables = Exact<{
  cohortId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type ActivityListQuery = { activities: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, stage: Stage, heldOn: string, attendeeCount: number, cohort: { id: string, name: string } }> } };

export type CreateActivityMutationVariables = Exact<{
  input: CreateActivityInput;
}>;


export type CreateActivityMutation = { createActivity: { replayed: boolean, activity: { id: string, title: string, stage: Stage, heldOn: string, attendeeCount: number, cohort: { id: string, name: string } } } };

export type AttendanceFieldsFragment = { id: string, title: string, stage: Stage, heldOn: string, attendeeCount: number, attendees: Array<{ id: string, firstName: string, lastName: string, anonymized: boolean }>, cohort: { id: string, name: string, region: { id: string, name: string } } };

export type ActivityAttendanceQueryVariables = Exact<{
  id: string | number;
}>;


export type ActivityAttendanceQuery = { node:
    | { id: string, title: string, stage: Stage, heldOn: string, attendeeCount: number, attendees: Array<{ id: string, firstName: string, lastName: string, anonymized: boolean }>, cohort: { id: string, name: string, region: { id: string, name: string } } }
    | Record<PropertyKey, never>
   | null };

export type RegionParticipantsQueryVariables = Exact<{
  regionId: string | number;
  after?: string | null | undefined;
}>;


export type RegionParticipantsQuery = { participants: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, firstName: string, lastName: string, anonymized: boolean }> } };

export type RecordAttendanceMutationVariables = Exact<{
  input: RecordAttendanceInput;
}>;


export type RecordAttendanceMutation = { recordAttendance: { activity: { id: string, title: string, stage: Stage, heldOn: string, attendeeCount: number, attendees: Array<{ id: string, firstName: string, lastName: string, anonymized: boolean }>, cohort: { id: string, name: string, region: { id: string, name: string } } } } };

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
export const ActivityListFieldsFragmentDoc = new TypedDocumentString(`
    fragment ActivityListFields on Activity {
  id
  title
  stage
  heldOn
  attendeeCount
  cohort {
    id
    name
  }
}
    `, {"fragmentName":"ActivityListFields"}) as unknown as TypedDocumentString<ActivityListFieldsFragment, unknown>;
export const AttendanceFieldsFragmentDoc = new TypedDocumentString(`
    fragment AttendanceFields on Activity {
  id
  title
  stage
  heldOn
  attendeeCount
  attendees {
    id
    firstName
    lastName
    anonymized
  }
  cohort {
    id
    name
    region {
      id
      name
    }
  }
}
    `, {"fragmentName":"AttendanceFields"}) as unknown as TypedDocumentString<AttendanceFieldsFragment, unknown>;
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
export const ActivityCohortsDocument = new TypedDocumentString(`
    query ActivityCohorts($after: String) {
  cohorts(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      startsOn
      endsOn
      region {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ActivityCohortsQuery, ActivityCohortsQueryVariables>;
export const ActivityListDocument = new TypedDocumentString(`
    query ActivityList($cohortId: ID, $after: String) {
  activities(first: 100, after: $after, cohortId: $cohortId) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...ActivityListFields
    }
  }
}
    fragment ActivityListFields on Activity {
  id
  title
  stage
  heldOn
  attendeeCount
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<ActivityListQuery, ActivityListQueryVariables>;
export const CreateActivityDocument = new TypedDocumentString(`
    mutation CreateActivity($input: CreateActivityInput!) {
  createActivity(input: $input) {
    activity {
      ...ActivityListFields
    }
    replayed
  }
}
    fragment ActivityListFields on Activity {
  id
  title
  stage
  heldOn
  attendeeCount
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<CreateActivityMutation, CreateActivityMutationVariables>;
export const ActivityAttendanceDocument = new TypedDocumentString(`
    query ActivityAttendance($id: ID!) {
  node(id: $id) {
    ... on Activity {
      ...AttendanceFields
    }
  }
}
    fragment AttendanceFields on Activity {
  id
  title
  stage
  heldOn
  attendeeCount
  attendees {
    id
    firstName
    lastName
    anonymized
  }
  cohort {
    id
    name
    region {
      id
      name
    }
  }
}`) as unknown as TypedDocumentString<ActivityAttendanceQuery, ActivityAttendanceQueryVariables>;
export const RegionParticipantsDocument = new TypedDocumentString(`
    query RegionParticipants($regionId: ID!, $after: String) {
  participants(first: 100, after: $after, regionId: $regionId) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      firstName
      lastName
      anonymized
    }
  }
}
    `) as unknown as TypedDocumentString<RegionParticipantsQuery, RegionParticipantsQueryVariables>;
export const RecordAttendanceDocument = new TypedDocumentString(`
    mutation RecordAttendance($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) {
    activity {
      ...AttendanceFields
    }
  }
}
    fragment AttendanceFields on Activity {
  id
  title
  stage
  heldOn
  attendeeCount
  attendees {
    id
    firstName
    lastName
    anonymized
  }
  cohort {
    id
    name
    region {
      id
      name
    }
  }
}`) as unknown as TypedDocumentString<RecordAttendanceMutation, RecordAttendanceMutationVariables>;
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