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

/**
 * Age band of a participant at the start of a cohort, from the birth year only (the age the
 * person reaches during the calendar year the cohort starts).
 */
export type AgeBand =
  /** 18 to 24. */
  | 'FROM_18_TO_24'
  /** 25 to 29. */
  | 'FROM_25_TO_29'
  /** 30 to 35. */
  | 'FROM_30_TO_35'
  /** Over 35. */
  | 'OVER_35'
  /** Under 18. */
  | 'UNDER_18'
  /** Birth year not recorded. */
  | 'UNKNOWN';

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

/** A new cohort (ADMIN; agents in their region). */
export type CreateCohortInput = {
  /** Last day, not before `startsOn`. */
  endsOn: string;
  /** Name, unique in the region, e.g. `2020-2021`. */
  name: string;
  /** Region. */
  regionId: string | number;
  /** First day. */
  startsOn: string;
};

/** A new partner institution (ADMIN and agents). */
export type CreatePartnerInput = {
  /** Kind of institution. */
  kind: PartnerKind;
  /** Name (unique, case-insensitive). */
  name: string;
};

/** A new region (ADMIN). */
export type CreateRegionInput = {
  /** Short code, 2 to 16 letters, digits or dashes, e.g. `CQ` (stored in upper case). */
  code: string;
  /** Name, e.g. `Centre-du-Québec`. */
  name: string;
};

/** A new account (ADMIN). */
export type CreateUserInput = {
  /** Sign-in email (unique, case-insensitive). */
  email: string;
  /** Required for a PARTNER; optional for a FUNDER (its funder partner); not allowed otherwise. */
  partnerId?: string | number | null | undefined;
  /** At least 10 characters. */
  password: string;
  /** Required for an AGENT; not allowed otherwise. */
  regionId?: string | number | null | undefined;
  /** Role. */
  role: Role;
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

/** A kind of row of a spreadsheet import, in the order an import writes them. */
export type ImportKind =
  /** Activities of the pathway (sheet « Activités »). */
  | 'ACTIVITIES'
  /** Who attended which activity (sheet « Présences »). */
  | 'ATTENDANCE'
  /** Follow-ups (sheet « Suivis »). */
  | 'FOLLOW_UPS'
  /** Participants, with their consent (sheet « Participants »). */
  | 'PARTICIPANTS'
  /** Projects (sheet « Projets »). */
  | 'PROJECTS';

/** Language of a text the API writes (the annual report's paragraph, export headers). */
export type Language =
  /** English. */
  | 'EN'
  /** French (Quebec): the default. */
  | 'FR';

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

/** What kind of institution a partner is. */
export type PartnerKind =
  /** A college (cégep). */
  | 'COLLEGE'
  /** An economic-development corporation. */
  | 'ECONOMIC_DEVELOPMENT'
  /** A funder. */
  | 'FUNDER'
  /** An incubator, such as another region's SISMIC. */
  | 'INCUBATOR'
  /** A network (Chantier de l'économie sociale, RISQ). */
  | 'NETWORK'
  /** Anything else. */
  | 'OTHER'
  /** A university. */
  | 'UNIVERSITY'
  /** A youth employment centre (CJE). */
  | 'YOUTH_EMPLOYMENT';

/** What changed about a project. */
export type ProjectChange =
  /** The project was created. */
  | 'CREATED'
  /** Its name, summary, origin partner, sector or MRC changed. */
  | 'DETAILS_CHANGED'
  /**
   * A follow-up was logged on it: `followUpCount` and `lastFollowUpOn` changed. (Partners
   * learn of follow-ups this way only, never of what was said.)
   */
  | 'FOLLOW_UP_LOGGED'
  /** Its stage changed (`advanceProjectStage`, `moveProjectStage`). */
  | 'STAGE_CHANGED'
  /** Its status changed (`setProjectStatus`, `recordEnterpriseLaunch`). */
  | 'STATUS_CHANGED'
  /** A participant joined or left its team: `teamSize` changed. */
  | 'TEAM_CHANGED';

/** A participant and a project, to join or leave its team. */
export type ProjectMemberInput = {
  /** Participant, of the project's region. */
  participantId: string | number;
  /** Project. */
  projectId: string | number;
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

/** An award to a project. */
export type RecordAwardInput = {
  /** Amount in cents, 1 to 100,000,000. */
  amountCents: number;
  /** Date awarded. */
  awardedOn: string;
  /** The funder, a partner of kind FUNDER. */
  funderPartnerId: string | number;
  /**
   * 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
   * first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
   */
  idempotencyKey?: string | null | undefined;
  /** Project. */
  projectId: string | number;
};

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

/** A main figure of a report, as compared between cohorts. */
export type ReportFigure =
  /** `awards.count`. */
  | 'AWARD_COUNT'
  /** `enterprisesCreated`. */
  | 'ENTERPRISES_CREATED'
  /** `followUpCount` (follow-ups on the cohort's projects). */
  | 'FOLLOW_UP_COUNT'
  /** `participantsReached`. */
  | 'PARTICIPANTS_REACHED'
  /** Follow-ups with partners (the sum of `partnerFollowUps`). */
  | 'PARTNER_FOLLOW_UP_COUNT'
  /** `projectCount`. */
  | 'PROJECT_COUNT';

/** What a user may see and do. */
export type Role =
  /** Everything, including regions and users. */
  | 'ADMIN'
  /** Everything of their own region, and all partners. */
  | 'AGENT'
  /** Cohort reports (aggregates only). */
  | 'FUNDER'
  /** The status of the projects that came from their partner institution; nothing else. */
  | 'PARTNER';

/** Sector of activity of a project, as the Pôle's annual report groups them ("secteur d'activité"). */
export type Sector =
  /** Agroalimentaire. */
  | 'AGRI_FOOD'
  /** Médias et communications. */
  | 'COMMUNICATIONS'
  /** Services à la communauté. */
  | 'COMMUNITY_SERVICES'
  /** Culture et arts. */
  | 'CULTURE'
  /** Éducation et formation. */
  | 'EDUCATION'
  /** Environnement et économie circulaire. */
  | 'ENVIRONMENT'
  /** Santé et services sociaux. */
  | 'HEALTH'
  /** Habitation. */
  | 'HOUSING'
  /** Loisirs et sports. */
  | 'LEISURE'
  /** Autre secteur. */
  | 'OTHER'
  /** Commerce de détail. */
  | 'RETAIL'
  /** Technologies et services numériques. */
  | 'TECHNOLOGY'
  /** Tourisme. */
  | 'TOURISM';

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

/** Composition of a project team ("groupe promoteur"), from its members' stated genders. */
export type TeamComposition =
  /** Only men ("un homme ou des hommes"). */
  | 'MEN'
  /** At least two different genders ("femmes et hommes"). */
  | 'MIXED'
  /** Only non-binary people. */
  | 'NON_BINARY'
  /** No member recorded, or a member whose gender is not recorded or undisclosed. */
  | 'UNKNOWN'
  /** Only women ("une femme ou des femmes"). */
  | 'WOMEN';

/**
 * Changes to a cohort (ADMIN; agents in their region). An omitted field keeps its value; its
 * region never changes.
 */
export type UpdateCohortInput = {
  /** Cohort. */
  cohortId: string | number;
  /** New last day, not before the first. */
  endsOn?: string | null | undefined;
  /** New name, unique in the region. */
  name?: string | null | undefined;
  /** New first day; the cohort's activities must stay within its dates. */
  startsOn?: string | null | undefined;
};

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

/**
 * Changes to a partner institution (ADMIN: partners are shared by every region). An omitted
 * field keeps its value.
 */
export type UpdatePartnerInput = {
  /** New kind of institution. */
  kind?: PartnerKind | null | undefined;
  /** New name (unique, case-insensitive). */
  name?: string | null | undefined;
  /** Partner. */
  partnerId: string | number;
};

/** Changes to a project's description (not its stage or status). */
export type UpdateProjectInput = {
  /** New MRC; null clears it; omitted keeps it. */
  mrc?: string | null | undefined;
  /** New name, if changing. */
  name?: string | null | undefined;
  /** New origin partner; null clears it; omitted keeps it. */
  originPartnerId?: string | number | null | undefined;
  /** Project. */
  projectId: string | number;
  /** New sector of activity; null clears it; omitted keeps it. */
  sector?: Sector | null | undefined;
  /** New summary; null clears it; omitted keeps it. */
  summary?: string | null | undefined;
};

/** Changes to a region (ADMIN). An omitted field keeps its value. */
export type UpdateRegionInput = {
  /** New code, 2 to 16 letters, digits or dashes (stored in upper case); unique. */
  code?: string | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** Region. */
  regionId: string | number;
};

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

export type ReferenceDataQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferenceDataQuery = { regions: Array<{ id: string, code: string, name: string }>, partners: { nodes: Array<{ id: string, name: string, kind: PartnerKind }> }, cohorts: { nodes: Array<{ id: string, name: string, startsOn: string, endsOn: string, region: { id: string, name: string } }> } };

export type CreateRegionMutationVariables = Exact<{
  input: CreateRegionInput;
}>;


export type CreateRegionMutation = { createRegion: { region: { id: string } } };

export type CreatePartnerMutationVariables = Exact<{
  input: CreatePartnerInput;
}>;


export type CreatePartnerMutation = { createPartner: { partner: { id: string } } };

export type CreateCohortMutationVariables = Exact<{
  input: CreateCohortInput;
}>;


export type CreateCohortMutation = { createCohort: { cohort: { id: string } } };

export type AuditLogQueryVariables = Exact<{
  after?: string | null | undefined;
  entityId?: string | number | null | undefined;
  userId?: string | number | null | undefined;
  operation?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ sequence: string, at: string, role: string, operation: string, entityType: string, entityId: string | null, before: unknown, after: unknown, user: { id: string, email: string } | null }> } };

export type UsersQueryVariables = Exact<{
  after?: string | null | undefined;
  role?: Role | null | undefined;
  active?: boolean | null | undefined;
  email?: string | null | undefined;
}>;


export type UsersQuery = { users: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, email: string, role: Role, active: boolean, mustChangePassword: boolean, passwordExpiresAt: string | null, region: { id: string, name: string } | null, partner: { id: string, name: string } | null }> } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { user: { id: string, email: string } } };

export type ResetUserPasswordMutationVariables = Exact<{
  userId: string | number;
}>;


export type ResetUserPasswordMutation = { resetUserPassword: { oneTimePassword: string, expiresAt: string, user: { id: string, email: string } } };

export type SetUserActiveMutationVariables = Exact<{
  userId: string | number;
  active: boolean;
}>;


export type SetUserActiveMutation = { setUserActive: { user: { id: string, active: boolean } } };

export type UpdateRegionMutationVariables = Exact<{
  input: UpdateRegionInput;
}>;


export type UpdateRegionMutation = { updateRegion: { region: { id: string } } };

export type UpdatePartnerMutationVariables = Exact<{
  input: UpdatePartnerInput;
}>;


export type UpdatePartnerMutation = { updatePartner: { partner: { id: string } } };

export type UpdateCohortMutationVariables = Exact<{
  input: UpdateCohortInput;
}>;


export type UpdateCohortMutation = { updateCohort: { cohort: { id: string } } };

export type ImportSpreadsheetMutationVariables = Exact<{
  files: Array<File> | File;
  dryRun: boolean;
  regionId?: string | number | null | undefined;
}>;


export type ImportSpreadsheetMutation = { importSpreadsheet: { dryRun: boolean, committed: boolean, tables: Array<{ file: string, sheet: string | null, kind: ImportKind, rows: number }>, counts: Array<{ kind: ImportKind, rows: number, created: number, existing: number, failed: number, consents: number }>, problems: Array<{ file: string, sheet: string | null, line: number | null, column: string | null, columnName: string | null, code: string, messageFr: string, messageEn: string }>, warnings: Array<{ file: string, sheet: string | null, line: number | null, column: string | null, columnName: string | null, code: string, messageFr: string, messageEn: string }>, duplicates: Array<{ file: string, sheet: string | null, line: number, matches: Array<{ id: string, firstName: string, lastName: string, birthYear: number | null, email: string | null }> }> } };

export type ImportProblemFieldsFragment = { file: string, sheet: string | null, line: number | null, column: string | null, columnName: string | null, code: string, messageFr: string, messageEn: string };

export type ImportRegionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ImportRegionsQuery = { regions: Array<{ id: string, name: string }> };

export type ProjectCardFieldsFragment = { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } };

export type BoardProjectsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BoardProjectsQuery = { projects: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } }> } };

export type BoardChangesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type BoardChangesSubscription = { projectChanged: { change: ProjectChange, project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type CurrentProjectQueryVariables = Exact<{
  id: string | number;
}>;


export type CurrentProjectQuery = { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } | null };

export type AdvanceProjectMutationVariables = Exact<{
  input: AdvanceProjectStageInput;
}>;


export type AdvanceProjectMutation = { advanceProjectStage: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type MoveProjectMutationVariables = Exact<{
  input: MoveProjectStageInput;
}>;


export type MoveProjectMutation = { moveProjectStage: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type SetStatusMutationVariables = Exact<{
  input: SetProjectStatusInput;
}>;


export type SetStatusMutation = { setProjectStatus: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type LogFollowUpMutationVariables = Exact<{
  input: LogFollowUpInput;
}>;


export type LogFollowUpMutation = { logFollowUp: { followUp: { id: string, occurredOn: string, project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } | null } } };

export type RecordLaunchMutationVariables = Exact<{
  input: RecordEnterpriseLaunchInput;
}>;


export type RecordLaunchMutation = { recordEnterpriseLaunch: { project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type ProjectPageFieldsFragment = { summary: string | null, mrc: string | null, sector: Sector | null, id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, region: { id: string }, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string, note: string | null }>, team: Array<{ id: string, firstName: string, lastName: string }>, awards: Array<{ id: string, amountCents: number, awardedOn: string, funder: { id: string, name: string } }>, enterpriseLaunch: { legalName: string, legalForm: LegalForm, launchedOn: string, neq: string | null } | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } };

export type ProjectDetailsQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type ProjectDetailsQuery = { project: { summary: string | null, mrc: string | null, sector: Sector | null, id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, followUps: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, occurredOn: string, mode: FollowUpMode, summary: string, durationMinutes: number | null }> }, region: { id: string }, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string, note: string | null }>, team: Array<{ id: string, firstName: string, lastName: string }>, awards: Array<{ id: string, amountCents: number, awardedOn: string, funder: { id: string, name: string } }>, enterpriseLaunch: { legalName: string, legalForm: LegalForm, launchedOn: string, neq: string | null } | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } | null };

export type NeedingAttentionQueryVariables = Exact<{
  quietDays: number;
  onHoldDays: number;
}>;


export type NeedingAttentionQuery = { projectsNeedingAttention: Array<{ reasons: Array<AttentionReason>, daysWithoutFollowUp: number, daysOnHold: number | null, daysInStage: number, cohortMedianDaysInStage: number | null, project: { id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, mrc: string | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } }> };

export type UpdateProjectMutationVariables = Exact<{
  input: UpdateProjectInput;
}>;


export type UpdateProjectMutation = { updateProject: { project: { summary: string | null, mrc: string | null, sector: Sector | null, id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, region: { id: string }, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string, note: string | null }>, team: Array<{ id: string, firstName: string, lastName: string }>, awards: Array<{ id: string, amountCents: number, awardedOn: string, funder: { id: string, name: string } }>, enterpriseLaunch: { legalName: string, legalForm: LegalForm, launchedOn: string, neq: string | null } | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type MemberSearchQueryVariables = Exact<{
  search: string;
  regionId?: string | number | null | undefined;
}>;


export type MemberSearchQuery = { participants: { nodes: Array<{ id: string, firstName: string, lastName: string, birthYear: number | null }> } };

export type AddMemberMutationVariables = Exact<{
  input: ProjectMemberInput;
}>;


export type AddMemberMutation = { addProjectMember: { project: { summary: string | null, mrc: string | null, sector: Sector | null, id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, region: { id: string }, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string, note: string | null }>, team: Array<{ id: string, firstName: string, lastName: string }>, awards: Array<{ id: string, amountCents: number, awardedOn: string, funder: { id: string, name: string } }>, enterpriseLaunch: { legalName: string, legalForm: LegalForm, launchedOn: string, neq: string | null } | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type RemoveMemberMutationVariables = Exact<{
  input: ProjectMemberInput;
}>;


export type RemoveMemberMutation = { removeProjectMember: { project: { summary: string | null, mrc: string | null, sector: Sector | null, id: string, name: string, stage: Stage, status: ProjectStatus, version: number, lastFollowUpOn: string | null, createdAt: string, followUpCount: number, region: { id: string }, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string, note: string | null }>, team: Array<{ id: string, firstName: string, lastName: string }>, awards: Array<{ id: string, amountCents: number, awardedOn: string, funder: { id: string, name: string } }>, enterpriseLaunch: { legalName: string, legalForm: LegalForm, launchedOn: string, neq: string | null } | null, originPartner: { id: string, name: string } | null, cohort: { id: string, name: string } } } };

export type FunderPartnersQueryVariables = Exact<{ [key: string]: never; }>;


export type FunderPartnersQuery = { partners: { nodes: Array<{ id: string, name: string, kind: PartnerKind }> } };

export type RecordAwardMutationVariables = Exact<{
  input: RecordAwardInput;
}>;


export type RecordAwardMutation = { recordAward: { award: { id: string } } };

export type FollowUpPartnersQueryVariables = Exact<{ [key: string]: never; }>;


export type FollowUpPartnersQuery = { partners: { nodes: Array<{ id: string, name: string }> }, regions: Array<{ id: string, name: string }> };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ChangePasswordMutation = { changePassword: boolean };

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

export type PartnerProjectFieldsFragment = { id: string, name: string, stage: Stage, status: ProjectStatus, lastFollowUpOn: string | null, followUpCount: number, teamSize: number, cohort: { id: string, name: string } };

export type PartnerProjectsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PartnerProjectsQuery = { projects: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, stage: Stage, status: ProjectStatus, lastFollowUpOn: string | null, followUpCount: number, teamSize: number, cohort: { id: string, name: string } }> } };

export type PartnerProjectQueryVariables = Exact<{
  id: string | number;
}>;


export type PartnerProjectQuery = { project: { id: string, name: string, stage: Stage, status: ProjectStatus, lastFollowUpOn: string | null, followUpCount: number, teamSize: number, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string }>, cohort: { id: string, name: string } } | null };

export type PartnerProjectChangesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type PartnerProjectChangesSubscription = { projectChanged: { change: ProjectChange, project: { id: string, name: string, stage: Stage, status: ProjectStatus, lastFollowUpOn: string | null, followUpCount: number, teamSize: number, cohort: { id: string, name: string } } } };

export type PartnerProjectLiveSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type PartnerProjectLiveSubscription = { projectChanged: { change: ProjectChange, project: { id: string, name: string, stage: Stage, status: ProjectStatus, lastFollowUpOn: string | null, followUpCount: number, teamSize: number, stageHistory: Array<{ version: number, fromStage: Stage | null, toStage: Stage, fromStatus: ProjectStatus | null, toStatus: ProjectStatus, at: string }>, cohort: { id: string, name: string } } } };

export type ReportCohortsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ReportCohortsQuery = { cohorts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, startsOn: string, endsOn: string, region: { id: string, code: string, name: string } }> } };

export type CohortReportScreenQueryVariables = Exact<{
  id: string | number;
  language: Language;
}>;


export type CohortReportScreenQuery = { cohortReport: { participantsReached: number | null, participantsReachedSuppressed: boolean, projectCount: number, enterprisesCreated: number, followUpCount: number, cohort: { id: string, name: string, startsOn: string, endsOn: string, region: { id: string, code: string, name: string } }, suppression: { applied: boolean, threshold: number }, participantsByStage: Array<{ stage: Stage, count: number | null, suppressed: boolean, suppressedBelow: number | null }>, projectsByStage: Array<{ stage: Stage, count: number | null, suppressed: boolean, suppressedBelow: number | null }>, projectsByStatus: Array<{ status: ProjectStatus, count: number, suppressed: boolean }>, followUpsByOrigin: Array<{ projectCount: number, followUpCount: number, partner: { id: string, name: string } | null }>, partnerFollowUps: Array<{ followUpCount: number, partner: { id: string, name: string } }>, awards: { count: number, totalAmountCents: number }, funnel: { launched: number, launchRate: number | null, steps: Array<{ stage: Stage, projectsReached: number, conversionToNext: number | null }> }, timeInStage: Array<{ stage: Stage, medianDays: number | null, completedStays: number, openStays: number }>, projectsBySector: Array<{ sector: Sector | null, count: number | null, suppressed: boolean }>, projectsByMrc: Array<{ mrc: string | null, count: number | null, suppressed: boolean, suppressedBelow: number | null }>, participantsByGender: Array<{ gender: Gender | null, count: number | null, suppressed: boolean, suppressedBelow: number | null }>, participantsByAgeBand: Array<{ band: AgeBand, count: number | null, suppressed: boolean, suppressedBelow: number | null }>, participantsByMrc: Array<{ mrc: string | null, count: number | null, suppressed: boolean, suppressedBelow: number | null }>, teamsByComposition: Array<{ composition: TeamComposition, count: number | null, suppressed: boolean, suppressedBelow: number | null }>, comparison: { previousCohort: { id: string, name: string } | null, figures: Array<{ figure: ReportFigure, current: number | null, previous: number | null, difference: number | null, percentChange: number | null, suppressed: boolean }> }, narrative: { language: Language, summary: string, note: string | null, text: string, sections: Array<{ heading: string, items: Array<string> }> } } };

export type NetworkFiguresFieldsFragment = { cohortCount: number, participantsReached: number | null, participantsReachedSuppressed: boolean, projectCount: number, enterprisesCreated: number, followUpCount: number, partnerFollowUpCount: number, awardCount: number, awardTotalCents: number };

export type NetworkReportScreenQueryVariables = Exact<{
  year: number;
}>;


export type NetworkReportScreenQuery = { networkReport: { programYear: number, startsOn: string, endsOn: string, suppression: { applied: boolean, threshold: number }, regions: Array<{ region: { id: string, code: string, name: string }, figures: { cohortCount: number, participantsReached: number | null, participantsReachedSuppressed: boolean, projectCount: number, enterprisesCreated: number, followUpCount: number, partnerFollowUpCount: number, awardCount: number, awardTotalCents: number } }>, total: { cohortCount: number, participantsReached: number | null, participantsReachedSuppressed: boolean, projectCount: number, enterprisesCreated: number, followUpCount: number, partnerFollowUpCount: number, awardCount: number, awardTotalCents: number } } };

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
export const ImportProblemFieldsFragmentDoc = new TypedDocumentString(`
    fragment ImportProblemFields on ImportProblem {
  file
  sheet
  line
  column
  columnName
  code
  messageFr
  messageEn
}
    `, {"fragmentName":"ImportProblemFields"}) as unknown as TypedDocumentString<ImportProblemFieldsFragment, unknown>;
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
  mrc
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
export const ProjectPageFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProjectPageFields on Project {
  ...ProjectCardFields
  summary
  mrc
  sector
  region {
    id
  }
  stageHistory {
    version
    fromStage
    toStage
    fromStatus
    toStatus
    at
    note
  }
  team {
    id
    firstName
    lastName
  }
  awards {
    id
    amountCents
    awardedOn
    funder {
      id
      name
    }
  }
  enterpriseLaunch {
    legalName
    legalForm
    launchedOn
    neq
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`, {"fragmentName":"ProjectPageFields"}) as unknown as TypedDocumentString<ProjectPageFieldsFragment, unknown>;
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
export const PartnerProjectFieldsFragmentDoc = new TypedDocumentString(`
    fragment PartnerProjectFields on Project {
  id
  name
  stage
  status
  lastFollowUpOn
  followUpCount
  teamSize
  cohort {
    id
    name
  }
}
    `, {"fragmentName":"PartnerProjectFields"}) as unknown as TypedDocumentString<PartnerProjectFieldsFragment, unknown>;
export const NetworkFiguresFieldsFragmentDoc = new TypedDocumentString(`
    fragment NetworkFiguresFields on NetworkFigures {
  cohortCount
  participantsReached
  participantsReachedSuppressed
  projectCount
  enterprisesCreated
  followUpCount
  partnerFollowUpCount
  awardCount
  awardTotalCents
}
    `, {"fragmentName":"NetworkFiguresFields"}) as unknown as TypedDocumentString<NetworkFiguresFieldsFragment, unknown>;
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
export const ReferenceDataDocument = new TypedDocumentString(`
    query ReferenceData {
  regions {
    id
    code
    name
  }
  partners(first: 100) {
    nodes {
      id
      name
      kind
    }
  }
  cohorts(first: 100) {
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
    `) as unknown as TypedDocumentString<ReferenceDataQuery, ReferenceDataQueryVariables>;
export const CreateRegionDocument = new TypedDocumentString(`
    mutation CreateRegion($input: CreateRegionInput!) {
  createRegion(input: $input) {
    region {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateRegionMutation, CreateRegionMutationVariables>;
export const CreatePartnerDocument = new TypedDocumentString(`
    mutation CreatePartner($input: CreatePartnerInput!) {
  createPartner(input: $input) {
    partner {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreatePartnerMutation, CreatePartnerMutationVariables>;
export const CreateCohortDocument = new TypedDocumentString(`
    mutation CreateCohort($input: CreateCohortInput!) {
  createCohort(input: $input) {
    cohort {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateCohortMutation, CreateCohortMutationVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($after: String, $entityId: ID, $userId: ID, $operation: String, $from: DateTime, $to: DateTime) {
  auditLog(
    first: 50
    after: $after
    entityId: $entityId
    userId: $userId
    operation: $operation
    from: $from
    to: $to
  ) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      sequence
      at
      role
      operation
      entityType
      entityId
      before
      after
      user {
        id
        email
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users($after: String, $role: Role, $active: Boolean, $email: String) {
  users(first: 50, after: $after, role: $role, active: $active, email: $email) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      email
      role
      active
      mustChangePassword
      passwordExpiresAt
      region {
        id
        name
      }
      partner {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const ResetUserPasswordDocument = new TypedDocumentString(`
    mutation ResetUserPassword($userId: ID!) {
  resetUserPassword(userId: $userId) {
    oneTimePassword
    expiresAt
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<ResetUserPasswordMutation, ResetUserPasswordMutationVariables>;
export const SetUserActiveDocument = new TypedDocumentString(`
    mutation SetUserActive($userId: ID!, $active: Boolean!) {
  setUserActive(userId: $userId, active: $active) {
    user {
      id
      active
    }
  }
}
    `) as unknown as TypedDocumentString<SetUserActiveMutation, SetUserActiveMutationVariables>;
export const UpdateRegionDocument = new TypedDocumentString(`
    mutation UpdateRegion($input: UpdateRegionInput!) {
  updateRegion(input: $input) {
    region {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateRegionMutation, UpdateRegionMutationVariables>;
export const UpdatePartnerDocument = new TypedDocumentString(`
    mutation UpdatePartner($input: UpdatePartnerInput!) {
  updatePartner(input: $input) {
    partner {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<UpdatePartnerMutation, UpdatePartnerMutationVariables>;
export const UpdateCohortDocument = new TypedDocumentString(`
    mutation UpdateCohort($input: UpdateCohortInput!) {
  updateCohort(input: $input) {
    cohort {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateCohortMutation, UpdateCohortMutationVariables>;
export const ImportSpreadsheetDocument = new TypedDocumentString(`
    mutation ImportSpreadsheet($files: [Upload!]!, $dryRun: Boolean!, $regionId: ID) {
  importSpreadsheet(files: $files, dryRun: $dryRun, regionId: $regionId) {
    dryRun
    committed
    tables {
      file
      sheet
      kind
      rows
    }
    counts {
      kind
      rows
      created
      existing
      failed
      consents
    }
    problems {
      ...ImportProblemFields
    }
    warnings {
      ...ImportProblemFields
    }
    duplicates {
      file
      sheet
      line
      matches {
        id
        firstName
        lastName
        birthYear
        email
      }
    }
  }
}
    fragment ImportProblemFields on ImportProblem {
  file
  sheet
  line
  column
  columnName
  code
  messageFr
  messageEn
}`) as unknown as TypedDocumentString<ImportSpreadsheetMutation, ImportSpreadsheetMutationVariables>;
export const ImportRegionsDocument = new TypedDocumentString(`
    query ImportRegions {
  regions {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ImportRegionsQuery, ImportRegionsQueryVariables>;
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<BoardProjectsQuery, BoardProjectsQueryVariables>;
export const BoardChangesDocument = new TypedDocumentString(`
    subscription BoardChanges {
  projectChanged {
    change
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<BoardChangesSubscription, BoardChangesSubscriptionVariables>;
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
  mrc
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
  mrc
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
  mrc
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
  mrc
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
  mrc
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
  mrc
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
    ...ProjectPageFields
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}
fragment ProjectPageFields on Project {
  ...ProjectCardFields
  summary
  mrc
  sector
  region {
    id
  }
  stageHistory {
    version
    fromStage
    toStage
    fromStatus
    toStatus
    at
    note
  }
  team {
    id
    firstName
    lastName
  }
  awards {
    id
    amountCents
    awardedOn
    funder {
      id
      name
    }
  }
  enterpriseLaunch {
    legalName
    legalForm
    launchedOn
    neq
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<NeedingAttentionQuery, NeedingAttentionQueryVariables>;
export const UpdateProjectDocument = new TypedDocumentString(`
    mutation UpdateProject($input: UpdateProjectInput!) {
  updateProject(input: $input) {
    project {
      ...ProjectPageFields
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}
fragment ProjectPageFields on Project {
  ...ProjectCardFields
  summary
  mrc
  sector
  region {
    id
  }
  stageHistory {
    version
    fromStage
    toStage
    fromStatus
    toStatus
    at
    note
  }
  team {
    id
    firstName
    lastName
  }
  awards {
    id
    amountCents
    awardedOn
    funder {
      id
      name
    }
  }
  enterpriseLaunch {
    legalName
    legalForm
    launchedOn
    neq
  }
}`) as unknown as TypedDocumentString<UpdateProjectMutation, UpdateProjectMutationVariables>;
export const MemberSearchDocument = new TypedDocumentString(`
    query MemberSearch($search: String!, $regionId: ID) {
  participants(first: 10, search: $search, regionId: $regionId) {
    nodes {
      id
      firstName
      lastName
      birthYear
    }
  }
}
    `) as unknown as TypedDocumentString<MemberSearchQuery, MemberSearchQueryVariables>;
export const AddMemberDocument = new TypedDocumentString(`
    mutation AddMember($input: ProjectMemberInput!) {
  addProjectMember(input: $input) {
    project {
      ...ProjectPageFields
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}
fragment ProjectPageFields on Project {
  ...ProjectCardFields
  summary
  mrc
  sector
  region {
    id
  }
  stageHistory {
    version
    fromStage
    toStage
    fromStatus
    toStatus
    at
    note
  }
  team {
    id
    firstName
    lastName
  }
  awards {
    id
    amountCents
    awardedOn
    funder {
      id
      name
    }
  }
  enterpriseLaunch {
    legalName
    legalForm
    launchedOn
    neq
  }
}`) as unknown as TypedDocumentString<AddMemberMutation, AddMemberMutationVariables>;
export const RemoveMemberDocument = new TypedDocumentString(`
    mutation RemoveMember($input: ProjectMemberInput!) {
  removeProjectMember(input: $input) {
    project {
      ...ProjectPageFields
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
  mrc
  originPartner {
    id
    name
  }
  cohort {
    id
    name
  }
}
fragment ProjectPageFields on Project {
  ...ProjectCardFields
  summary
  mrc
  sector
  region {
    id
  }
  stageHistory {
    version
    fromStage
    toStage
    fromStatus
    toStatus
    at
    note
  }
  team {
    id
    firstName
    lastName
  }
  awards {
    id
    amountCents
    awardedOn
    funder {
      id
      name
    }
  }
  enterpriseLaunch {
    legalName
    legalForm
    launchedOn
    neq
  }
}`) as unknown as TypedDocumentString<RemoveMemberMutation, RemoveMemberMutationVariables>;
export const FunderPartnersDocument = new TypedDocumentString(`
    query FunderPartners {
  partners(first: 100) {
    nodes {
      id
      name
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<FunderPartnersQuery, FunderPartnersQueryVariables>;
export const RecordAwardDocument = new TypedDocumentString(`
    mutation RecordAward($input: RecordAwardInput!) {
  recordAward(input: $input) {
    award {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RecordAwardMutation, RecordAwardMutationVariables>;
export const FollowUpPartnersDocument = new TypedDocumentString(`
    query FollowUpPartners {
  partners(first: 100) {
    nodes {
      id
      name
    }
  }
  regions {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<FollowUpPartnersQuery, FollowUpPartnersQueryVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
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
export const PartnerProjectsDocument = new TypedDocumentString(`
    query PartnerProjects($after: String) {
  projects(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...PartnerProjectFields
    }
  }
}
    fragment PartnerProjectFields on Project {
  id
  name
  stage
  status
  lastFollowUpOn
  followUpCount
  teamSize
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<PartnerProjectsQuery, PartnerProjectsQueryVariables>;
export const PartnerProjectDocument = new TypedDocumentString(`
    query PartnerProject($id: ID!) {
  project(id: $id) {
    ...PartnerProjectFields
    stageHistory {
      version
      fromStage
      toStage
      fromStatus
      toStatus
      at
    }
  }
}
    fragment PartnerProjectFields on Project {
  id
  name
  stage
  status
  lastFollowUpOn
  followUpCount
  teamSize
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<PartnerProjectQuery, PartnerProjectQueryVariables>;
export const PartnerProjectChangesDocument = new TypedDocumentString(`
    subscription PartnerProjectChanges {
  projectChanged {
    change
    project {
      ...PartnerProjectFields
    }
  }
}
    fragment PartnerProjectFields on Project {
  id
  name
  stage
  status
  lastFollowUpOn
  followUpCount
  teamSize
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<PartnerProjectChangesSubscription, PartnerProjectChangesSubscriptionVariables>;
export const PartnerProjectLiveDocument = new TypedDocumentString(`
    subscription PartnerProjectLive($id: ID!) {
  projectChanged(projectId: $id) {
    change
    project {
      ...PartnerProjectFields
      stageHistory {
        version
        fromStage
        toStage
        fromStatus
        toStatus
        at
      }
    }
  }
}
    fragment PartnerProjectFields on Project {
  id
  name
  stage
  status
  lastFollowUpOn
  followUpCount
  teamSize
  cohort {
    id
    name
  }
}`) as unknown as TypedDocumentString<PartnerProjectLiveSubscription, PartnerProjectLiveSubscriptionVariables>;
export const ReportCohortsDocument = new TypedDocumentString(`
    query ReportCohorts($after: String) {
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
        code
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReportCohortsQuery, ReportCohortsQueryVariables>;
export const CohortReportScreenDocument = new TypedDocumentString(`
    query CohortReportScreen($id: ID!, $language: Language!) {
  cohortReport(cohortId: $id) {
    cohort {
      id
      name
      startsOn
      endsOn
      region {
        id
        code
        name
      }
    }
    suppression {
      applied
      threshold
    }
    participantsReached
    participantsReachedSuppressed
    participantsByStage {
      stage
      count
      suppressed
      suppressedBelow
    }
    projectCount
    projectsByStage {
      stage
      count
      suppressed
      suppressedBelow
    }
    projectsByStatus {
      status
      count
      suppressed
    }
    enterprisesCreated
    followUpCount
    followUpsByOrigin {
      partner {
        id
        name
      }
      projectCount
      followUpCount
    }
    partnerFollowUps {
      partner {
        id
        name
      }
      followUpCount
    }
    awards {
      count
      totalAmountCents
    }
    funnel {
      steps {
        stage
        projectsReached
        conversionToNext
      }
      launched
      launchRate
    }
    timeInStage {
      stage
      medianDays
      completedStays
      openStays
    }
    projectsBySector {
      sector
      count
      suppressed
    }
    projectsByMrc {
      mrc
      count
      suppressed
      suppressedBelow
    }
    participantsByGender {
      gender
      count
      suppressed
      suppressedBelow
    }
    participantsByAgeBand {
      band
      count
      suppressed
      suppressedBelow
    }
    participantsByMrc {
      mrc
      count
      suppressed
      suppressedBelow
    }
    teamsByComposition {
      composition
      count
      suppressed
      suppressedBelow
    }
    comparison {
      previousCohort {
        id
        name
      }
      figures {
        figure
        current
        previous
        difference
        percentChange
        suppressed
      }
    }
    narrative(language: $language) {
      language
      summary
      sections {
        heading
        items
      }
      note
      text
    }
  }
}
    `) as unknown as TypedDocumentString<CohortReportScreenQuery, CohortReportScreenQueryVariables>;
export const NetworkReportScreenDocument = new TypedDocumentString(`
    query NetworkReportScreen($year: Int!) {
  networkReport(programYear: $year) {
    programYear
    startsOn
    endsOn
    suppression {
      applied
      threshold
    }
    regions {
      region {
        id
        code
        name
      }
      figures {
        ...NetworkFiguresFields
      }
    }
    total {
      ...NetworkFiguresFields
    }
  }
}
    fragment NetworkFiguresFields on NetworkFigures {
  cohortCount
  participantsReached
  participantsReachedSuppressed
  projectCount
  enterprisesCreated
  followUpCount
  partnerFollowUpCount
  awardCount
  awardTotalCents
}`) as unknown as TypedDocumentString<NetworkReportScreenQuery, NetworkReportScreenQueryVariables>;