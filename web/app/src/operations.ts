// The app's GraphQL operations. GraphQL Code Generator (client preset, `npm run codegen`) types
// each of them from ../../schema.graphql into gql/: a schema change that breaks one fails
// `npm run typecheck` (and so `make test`).
import { graphql } from './gql';

export const ProjectCardFields = graphql(`
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
`);

export const BoardProjects = graphql(`
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
`);

/** Live: every change to a project of the board (the server sends only those the viewer sees). */
export const BoardChanges = graphql(`
  subscription BoardChanges {
    projectChanged {
      change
      project {
        ...ProjectCardFields
      }
    }
  }
`);

export const CurrentProject = graphql(`
  query CurrentProject($id: ID!) {
    project(id: $id) {
      ...ProjectCardFields
    }
  }
`);

export const AdvanceProject = graphql(`
  mutation AdvanceProject($input: AdvanceProjectStageInput!) {
    advanceProjectStage(input: $input) {
      project {
        ...ProjectCardFields
      }
    }
  }
`);

export const MoveProject = graphql(`
  mutation MoveProject($input: MoveProjectStageInput!) {
    moveProjectStage(input: $input) {
      project {
        ...ProjectCardFields
      }
    }
  }
`);

export const SetStatus = graphql(`
  mutation SetStatus($input: SetProjectStatusInput!) {
    setProjectStatus(input: $input) {
      project {
        ...ProjectCardFields
      }
    }
  }
`);

export const LogFollowUp = graphql(`
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
`);

export const RecordLaunch = graphql(`
  mutation RecordLaunch($input: RecordEnterpriseLaunchInput!) {
    recordEnterpriseLaunch(input: $input) {
      project {
        ...ProjectCardFields
      }
    }
  }
`);

/** What the project page shows of a project, beside its follow-ups. */
export const ProjectPageFields = graphql(`
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
`);

export const ProjectDetails = graphql(`
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
`);

export const NeedingAttention = graphql(`
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
`);

export const UpdateProject = graphql(`
  mutation UpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      project {
        ...ProjectPageFields
      }
    }
  }
`);

export const MemberSearch = graphql(`
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
`);

export const AddMember = graphql(`
  mutation AddMember($input: ProjectMemberInput!) {
    addProjectMember(input: $input) {
      project {
        ...ProjectPageFields
      }
    }
  }
`);

export const RemoveMember = graphql(`
  mutation RemoveMember($input: ProjectMemberInput!) {
    removeProjectMember(input: $input) {
      project {
        ...ProjectPageFields
      }
    }
  }
`);

export const FunderPartners = graphql(`
  query FunderPartners {
    partners(first: 100) {
      nodes {
        id
        name
        kind
      }
    }
  }
`);

export const RecordAward = graphql(`
  mutation RecordAward($input: RecordAwardInput!) {
    recordAward(input: $input) {
      award {
        id
      }
    }
  }
`);

export const FollowUpPartners = graphql(`
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
`);

export const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);
