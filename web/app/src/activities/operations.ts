// The GraphQL operations of the activities and attendance screens (typed by `npm run codegen`
// into ../gql/, like ../operations.ts). Only the names of participants are asked for: the
// checklist and the sheet need nothing else about them.
import { graphql } from '../gql';

export const ActivityListFields = graphql(`
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
`);

export const ActivityCohorts = graphql(`
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
`);

export const ActivityList = graphql(`
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
`);

export const CreateActivity = graphql(`
  mutation CreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      activity {
        ...ActivityListFields
      }
      replayed
    }
  }
`);

export const AttendanceFields = graphql(`
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
`);

export const ActivityAttendance = graphql(`
  query ActivityAttendance($id: ID!) {
    node(id: $id) {
      ... on Activity {
        ...AttendanceFields
      }
    }
  }
`);

export const RegionParticipants = graphql(`
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
`);

export const RecordAttendance = graphql(`
  mutation RecordAttendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      activity {
        ...AttendanceFields
      }
    }
  }
`);
