// The GraphQL operation of the import screen (typed by `npm run codegen` into ../gql/). The
// files travel as a multipart upload (`requestWithFiles` in ../api.ts).
import { graphql } from '../gql';

export const ImportSpreadsheet = graphql(`
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
`);

export const ImportProblemFields = graphql(`
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
`);

export const ImportRegions = graphql(`
  query ImportRegions {
    regions {
      id
      name
    }
  }
`);
