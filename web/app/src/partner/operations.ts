// The partners' operations: only fields API.md lets a partner read (name, stage, status, stage
// history without notes, follow-up count and last date, team size, cohort). Never participants,
// never follow-up texts: the server refuses them anyway, and the screens never ask.
import { graphql } from '../gql';

export const PartnerProjectFields = graphql(`
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
`);

export const PartnerProjects = graphql(`
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
`);

export const PartnerProject = graphql(`
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
`);

/** Live: a change to one of the partner's projects (the list's fields only). */
export const PartnerProjectChanges = graphql(`
  subscription PartnerProjectChanges {
    projectChanged {
      change
      project {
        ...PartnerProjectFields
      }
    }
  }
`);

/** Live: a change to the project shown, with what its page shows. */
export const PartnerProjectLive = graphql(`
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
`);
