// The report screens' GraphQL operations (typed by `npm run codegen` into ../gql/).
import { graphql } from '../gql';

export const ReportCohorts = graphql(`
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
`);

export const CohortReportQuery = graphql(`
  query CohortReportScreen($id: ID!) {
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
      }
      projectCount
      projectsByStage {
        stage
        count
        suppressed
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
      }
      participantsByGender {
        gender
        count
        suppressed
      }
      participantsByAgeBand {
        band
        count
        suppressed
      }
      participantsByMrc {
        mrc
        count
        suppressed
      }
      teamsByComposition {
        composition
        count
        suppressed
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
    }
  }
`);

export const NetworkFiguresFields = graphql(`
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
`);

export const NetworkReportQuery = graphql(`
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
`);
