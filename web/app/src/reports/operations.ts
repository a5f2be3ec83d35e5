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
