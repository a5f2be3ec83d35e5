// The participants screens' GraphQL operations (typed by GraphQL Code Generator into ../gql/).
import { graphql } from '../gql';

export const ParticipantListFields = graphql(`
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
`);

export const ParticipantList = graphql(`
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
`);

export const LikelyDuplicates = graphql(`
  query LikelyDuplicates($regionId: ID!, $firstName: String!, $lastName: String!, $email: String, $birthYear: Int) {
    likelyDuplicates(regionId: $regionId, firstName: $firstName, lastName: $lastName, email: $email, birthYear: $birthYear) {
      ...ParticipantListFields
    }
  }
`);

export const Regions = graphql(`
  query Regions {
    regions {
      id
      code
      name
    }
  }
`);

export const ParticipantDetailFields = graphql(`
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
`);

export const ParticipantDetails = graphql(`
  query ParticipantDetails($id: ID!) {
    node(id: $id) {
      ... on Participant {
        ...ParticipantDetailFields
      }
    }
  }
`);

export const RegisterParticipant = graphql(`
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
`);

export const UpdateParticipant = graphql(`
  mutation UpdateParticipant($input: UpdateParticipantInput!) {
    updateParticipant(input: $input) {
      participant {
        ...ParticipantDetailFields
      }
    }
  }
`);

export const RecordConsent = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      participant {
        ...ParticipantDetailFields
      }
      replayed
    }
  }
`);

export const WithdrawConsent = graphql(`
  mutation WithdrawConsent($participantId: ID!) {
    withdrawConsent(participantId: $participantId) {
      participant {
        ...ParticipantDetailFields
      }
    }
  }
`);

export const EraseParticipant = graphql(`
  mutation EraseParticipant($participantId: ID!) {
    eraseParticipant(participantId: $participantId) {
      participant {
        ...ParticipantDetailFields
      }
    }
  }
`);

export const ParticipantDataExport = graphql(`
  query ParticipantDataExport($participantId: ID!) {
    participantDataExport(participantId: $participantId)
  }
`);
