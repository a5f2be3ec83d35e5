// The administrators' operations: reference data (regions, partners, cohorts) and the audit log.
import { graphql } from '../gql';

export const ReferenceData = graphql(`
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
`);

export const CreateRegion = graphql(`
  mutation CreateRegion($input: CreateRegionInput!) {
    createRegion(input: $input) {
      region {
        id
      }
    }
  }
`);

export const CreatePartner = graphql(`
  mutation CreatePartner($input: CreatePartnerInput!) {
    createPartner(input: $input) {
      partner {
        id
      }
    }
  }
`);

export const CreateCohort = graphql(`
  mutation CreateCohort($input: CreateCohortInput!) {
    createCohort(input: $input) {
      cohort {
        id
      }
    }
  }
`);

export const AuditLog = graphql(`
  query AuditLog($after: String, $entityId: ID, $userId: ID, $operation: String, $from: DateTime, $to: DateTime) {
    auditLog(first: 50, after: $after, entityId: $entityId, userId: $userId, operation: $operation, from: $from, to: $to) {
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
`);

export const Users = graphql(`
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
`);

export const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
        email
      }
    }
  }
`);

export const ResetUserPassword = graphql(`
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
`);

export const SetUserActive = graphql(`
  mutation SetUserActive($userId: ID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) {
      user {
        id
        active
      }
    }
  }
`);

export const UpdateRegion = graphql(`
  mutation UpdateRegion($input: UpdateRegionInput!) {
    updateRegion(input: $input) {
      region {
        id
      }
    }
  }
`);

export const UpdatePartner = graphql(`
  mutation UpdatePartner($input: UpdatePartnerInput!) {
    updatePartner(input: $input) {
      partner {
        id
      }
    }
  }
`);

export const UpdateCohort = graphql(`
  mutation UpdateCohort($input: UpdateCohortInput!) {
    updateCohort(input: $input) {
      cohort {
        id
      }
    }
  }
`);
