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

export const ProjectDetails = graphql(`
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
