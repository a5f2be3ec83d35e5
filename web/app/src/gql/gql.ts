/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ActivityListFields on Activity {\n    id\n    title\n    stage\n    heldOn\n    attendeeCount\n    cohort {\n      id\n      name\n    }\n  }\n": typeof types.ActivityListFieldsFragmentDoc,
    "\n  query ActivityCohorts($after: String) {\n    cohorts(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ActivityCohortsDocument,
    "\n  query ActivityList($cohortId: ID, $after: String) {\n    activities(first: 100, after: $after, cohortId: $cohortId) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ActivityListFields\n      }\n    }\n  }\n": typeof types.ActivityListDocument,
    "\n  mutation CreateActivity($input: CreateActivityInput!) {\n    createActivity(input: $input) {\n      activity {\n        ...ActivityListFields\n      }\n      replayed\n    }\n  }\n": typeof types.CreateActivityDocument,
    "\n  fragment AttendanceFields on Activity {\n    id\n    title\n    stage\n    heldOn\n    attendeeCount\n    attendees {\n      id\n      firstName\n      lastName\n      anonymized\n    }\n    cohort {\n      id\n      name\n      region {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AttendanceFieldsFragmentDoc,
    "\n  query ActivityAttendance($id: ID!) {\n    node(id: $id) {\n      ... on Activity {\n        ...AttendanceFields\n      }\n    }\n  }\n": typeof types.ActivityAttendanceDocument,
    "\n  query RegionParticipants($regionId: ID!, $after: String) {\n    participants(first: 100, after: $after, regionId: $regionId) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        firstName\n        lastName\n        anonymized\n      }\n    }\n  }\n": typeof types.RegionParticipantsDocument,
    "\n  mutation RecordAttendance($input: RecordAttendanceInput!) {\n    recordAttendance(input: $input) {\n      activity {\n        ...AttendanceFields\n      }\n    }\n  }\n": typeof types.RecordAttendanceDocument,
    "\n  query ReferenceData {\n    regions {\n      id\n      code\n      name\n    }\n    partners(first: 100) {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n    cohorts(first: 100) {\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ReferenceDataDocument,
    "\n  mutation CreateRegion($input: CreateRegionInput!) {\n    createRegion(input: $input) {\n      region {\n        id\n      }\n    }\n  }\n": typeof types.CreateRegionDocument,
    "\n  mutation CreatePartner($input: CreatePartnerInput!) {\n    createPartner(input: $input) {\n      partner {\n        id\n      }\n    }\n  }\n": typeof types.CreatePartnerDocument,
    "\n  mutation CreateCohort($input: CreateCohortInput!) {\n    createCohort(input: $input) {\n      cohort {\n        id\n      }\n    }\n  }\n": typeof types.CreateCohortDocument,
    "\n  query AuditLog($after: String, $entityId: ID, $userId: ID, $operation: String, $from: DateTime, $to: DateTime) {\n    auditLog(first: 50, after: $after, entityId: $entityId, userId: $userId, operation: $operation, from: $from, to: $to) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        sequence\n        at\n        role\n        operation\n        entityType\n        entityId\n        before\n        after\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query Users($after: String, $role: Role, $active: Boolean, $email: String) {\n    users(first: 50, after: $after, role: $role, active: $active, email: $email) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        role\n        active\n        mustChangePassword\n        passwordExpiresAt\n        region {\n          id\n          name\n        }\n        partner {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation ResetUserPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) {\n      oneTimePassword\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.ResetUserPasswordDocument,
    "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) {\n      user {\n        id\n        active\n      }\n    }\n  }\n": typeof types.SetUserActiveDocument,
    "\n  mutation UpdateRegion($input: UpdateRegionInput!) {\n    updateRegion(input: $input) {\n      region {\n        id\n      }\n    }\n  }\n": typeof types.UpdateRegionDocument,
    "\n  mutation UpdatePartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      partner {\n        id\n      }\n    }\n  }\n": typeof types.UpdatePartnerDocument,
    "\n  mutation UpdateCohort($input: UpdateCohortInput!) {\n    updateCohort(input: $input) {\n      cohort {\n        id\n      }\n    }\n  }\n": typeof types.UpdateCohortDocument,
    "\n  mutation ImportSpreadsheet($files: [Upload!]!, $dryRun: Boolean!, $regionId: ID) {\n    importSpreadsheet(files: $files, dryRun: $dryRun, regionId: $regionId) {\n      dryRun\n      committed\n      tables {\n        file\n        sheet\n        kind\n        rows\n      }\n      counts {\n        kind\n        rows\n        created\n        existing\n        failed\n        consents\n      }\n      problems {\n        ...ImportProblemFields\n      }\n      warnings {\n        ...ImportProblemFields\n      }\n      duplicates {\n        file\n        sheet\n        line\n        matches {\n          id\n          firstName\n          lastName\n          birthYear\n          email\n        }\n      }\n    }\n  }\n": typeof types.ImportSpreadsheetDocument,
    "\n  fragment ImportProblemFields on ImportProblem {\n    file\n    sheet\n    line\n    column\n    columnName\n    code\n    messageFr\n    messageEn\n  }\n": typeof types.ImportProblemFieldsFragmentDoc,
    "\n  query ImportRegions {\n    regions {\n      id\n      name\n    }\n  }\n": typeof types.ImportRegionsDocument,
    "\n  fragment ProjectCardFields on Project {\n    id\n    name\n    stage\n    status\n    version\n    lastFollowUpOn\n    createdAt\n    followUpCount\n    mrc\n    originPartner {\n      id\n      name\n    }\n    cohort {\n      id\n      name\n    }\n  }\n": typeof types.ProjectCardFieldsFragmentDoc,
    "\n  query BoardProjects($after: String) {\n    projects(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ProjectCardFields\n      }\n    }\n  }\n": typeof types.BoardProjectsDocument,
    "\n  subscription BoardChanges {\n    projectChanged {\n      change\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": typeof types.BoardChangesDocument,
    "\n  query CurrentProject($id: ID!) {\n    project(id: $id) {\n      ...ProjectCardFields\n    }\n  }\n": typeof types.CurrentProjectDocument,
    "\n  mutation AdvanceProject($input: AdvanceProjectStageInput!) {\n    advanceProjectStage(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": typeof types.AdvanceProjectDocument,
    "\n  mutation MoveProject($input: MoveProjectStageInput!) {\n    moveProjectStage(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": typeof types.MoveProjectDocument,
    "\n  mutation SetStatus($input: SetProjectStatusInput!) {\n    setProjectStatus(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": typeof types.SetStatusDocument,
    "\n  mutation LogFollowUp($input: LogFollowUpInput!) {\n    logFollowUp(input: $input) {\n      followUp {\n        id\n        occurredOn\n        project {\n          ...ProjectCardFields\n        }\n      }\n    }\n  }\n": typeof types.LogFollowUpDocument,
    "\n  mutation RecordLaunch($input: RecordEnterpriseLaunchInput!) {\n    recordEnterpriseLaunch(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": typeof types.RecordLaunchDocument,
    "\n  fragment ProjectPageFields on Project {\n    ...ProjectCardFields\n    summary\n    mrc\n    sector\n    region {\n      id\n    }\n    stageHistory {\n      version\n      fromStage\n      toStage\n      fromStatus\n      toStatus\n      at\n      note\n    }\n    team {\n      id\n      firstName\n      lastName\n    }\n    awards {\n      id\n      amountCents\n      awardedOn\n      funder {\n        id\n        name\n      }\n    }\n    enterpriseLaunch {\n      legalName\n      legalForm\n      launchedOn\n      neq\n    }\n  }\n": typeof types.ProjectPageFieldsFragmentDoc,
    "\n  query ProjectDetails($id: ID!, $after: String) {\n    project(id: $id) {\n      ...ProjectPageFields\n      followUps(first: 20, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          occurredOn\n          mode\n          summary\n          durationMinutes\n        }\n      }\n    }\n  }\n": typeof types.ProjectDetailsDocument,
    "\n  query NeedingAttention($quietDays: Int!, $onHoldDays: Int!) {\n    projectsNeedingAttention(quietDays: $quietDays, onHoldDays: $onHoldDays) {\n      reasons\n      daysWithoutFollowUp\n      daysOnHold\n      daysInStage\n      cohortMedianDaysInStage\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": typeof types.NeedingAttentionDocument,
    "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n": typeof types.UpdateProjectDocument,
    "\n  query MemberSearch($search: String!, $regionId: ID) {\n    participants(first: 10, search: $search, regionId: $regionId) {\n      nodes {\n        id\n        firstName\n        lastName\n        birthYear\n      }\n    }\n  }\n": typeof types.MemberSearchDocument,
    "\n  mutation AddMember($input: ProjectMemberInput!) {\n    addProjectMember(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n": typeof types.AddMemberDocument,
    "\n  mutation RemoveMember($input: ProjectMemberInput!) {\n    removeProjectMember(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n": typeof types.RemoveMemberDocument,
    "\n  query FunderPartners {\n    partners(first: 100) {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.FunderPartnersDocument,
    "\n  mutation RecordAward($input: RecordAwardInput!) {\n    recordAward(input: $input) {\n      award {\n        id\n      }\n    }\n  }\n": typeof types.RecordAwardDocument,
    "\n  query FollowUpPartners {\n    partners(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    regions {\n      id\n      name\n    }\n  }\n": typeof types.FollowUpPartnersDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  fragment ParticipantListFields on Participant {\n    id\n    firstName\n    lastName\n    email\n    birthYear\n    mrc\n    createdAt\n    anonymized\n  }\n": typeof types.ParticipantListFieldsFragmentDoc,
    "\n  query ParticipantList($after: String, $search: String) {\n    participants(first: 20, after: $after, search: $search) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ParticipantListFields\n      }\n    }\n  }\n": typeof types.ParticipantListDocument,
    "\n  query LikelyDuplicates($regionId: ID!, $firstName: String!, $lastName: String!, $email: String, $birthYear: Int) {\n    likelyDuplicates(regionId: $regionId, firstName: $firstName, lastName: $lastName, email: $email, birthYear: $birthYear) {\n      ...ParticipantListFields\n    }\n  }\n": typeof types.LikelyDuplicatesDocument,
    "\n  query Regions {\n    regions {\n      id\n      code\n      name\n    }\n  }\n": typeof types.RegionsDocument,
    "\n  fragment ParticipantDetailFields on Participant {\n    ...ParticipantListFields\n    gender\n    region {\n      id\n      name\n    }\n    consents {\n      givenOn\n      purposes\n      withdrawnOn\n      inForce\n    }\n    projects {\n      id\n      name\n      stage\n      status\n    }\n    attendedActivities {\n      id\n      title\n      stage\n      heldOn\n    }\n  }\n": typeof types.ParticipantDetailFieldsFragmentDoc,
    "\n  query ParticipantDetails($id: ID!) {\n    node(id: $id) {\n      ... on Participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": typeof types.ParticipantDetailsDocument,
    "\n  mutation RegisterParticipant($input: RegisterParticipantInput!) {\n    registerParticipant(input: $input) {\n      participant {\n        id\n        firstName\n        lastName\n      }\n      replayed\n    }\n  }\n": typeof types.RegisterParticipantDocument,
    "\n  mutation UpdateParticipant($input: UpdateParticipantInput!) {\n    updateParticipant(input: $input) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": typeof types.UpdateParticipantDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      participant {\n        ...ParticipantDetailFields\n      }\n      replayed\n    }\n  }\n": typeof types.RecordConsentDocument,
    "\n  mutation WithdrawConsent($participantId: ID!) {\n    withdrawConsent(participantId: $participantId) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": typeof types.WithdrawConsentDocument,
    "\n  mutation EraseParticipant($participantId: ID!) {\n    eraseParticipant(participantId: $participantId) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": typeof types.EraseParticipantDocument,
    "\n  query ParticipantDataExport($participantId: ID!) {\n    participantDataExport(participantId: $participantId)\n  }\n": typeof types.ParticipantDataExportDocument,
    "\n  fragment PartnerProjectFields on Project {\n    id\n    name\n    stage\n    status\n    lastFollowUpOn\n    followUpCount\n    teamSize\n    cohort {\n      id\n      name\n    }\n  }\n": typeof types.PartnerProjectFieldsFragmentDoc,
    "\n  query PartnerProjects($after: String) {\n    projects(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PartnerProjectFields\n      }\n    }\n  }\n": typeof types.PartnerProjectsDocument,
    "\n  query PartnerProject($id: ID!) {\n    project(id: $id) {\n      ...PartnerProjectFields\n      stageHistory {\n        version\n        fromStage\n        toStage\n        fromStatus\n        toStatus\n        at\n      }\n    }\n  }\n": typeof types.PartnerProjectDocument,
    "\n  subscription PartnerProjectChanges {\n    projectChanged {\n      change\n      project {\n        ...PartnerProjectFields\n      }\n    }\n  }\n": typeof types.PartnerProjectChangesDocument,
    "\n  subscription PartnerProjectLive($id: ID!) {\n    projectChanged(projectId: $id) {\n      change\n      project {\n        ...PartnerProjectFields\n        stageHistory {\n          version\n          fromStage\n          toStage\n          fromStatus\n          toStatus\n          at\n        }\n      }\n    }\n  }\n": typeof types.PartnerProjectLiveDocument,
    "\n  query ReportCohorts($after: String) {\n    cohorts(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": typeof types.ReportCohortsDocument,
    "\n  query CohortReportScreen($id: ID!, $language: Language!) {\n    cohortReport(cohortId: $id) {\n      cohort {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          code\n          name\n        }\n      }\n      suppression {\n        applied\n        threshold\n      }\n      participantsReached\n      participantsReachedSuppressed\n      participantsByStage {\n        stage\n        count\n        suppressed\n        suppressedBelow\n      }\n      projectCount\n      projectsByStage {\n        stage\n        count\n        suppressed\n        suppressedBelow\n      }\n      projectsByStatus {\n        status\n        count\n        suppressed\n      }\n      enterprisesCreated\n      followUpCount\n      followUpsByOrigin {\n        partner {\n          id\n          name\n        }\n        projectCount\n        followUpCount\n      }\n      partnerFollowUps {\n        partner {\n          id\n          name\n        }\n        followUpCount\n      }\n      awards {\n        count\n        totalAmountCents\n      }\n      funnel {\n        steps {\n          stage\n          projectsReached\n          conversionToNext\n        }\n        launched\n        launchRate\n      }\n      timeInStage {\n        stage\n        medianDays\n        completedStays\n        openStays\n      }\n      projectsBySector {\n        sector\n        count\n        suppressed\n      }\n      projectsByMrc {\n        mrc\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByGender {\n        gender\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByAgeBand {\n        band\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByMrc {\n        mrc\n        count\n        suppressed\n        suppressedBelow\n      }\n      teamsByComposition {\n        composition\n        count\n        suppressed\n        suppressedBelow\n      }\n      comparison {\n        previousCohort {\n          id\n          name\n        }\n        figures {\n          figure\n          current\n          previous\n          difference\n          percentChange\n          suppressed\n        }\n      }\n      narrative(language: $language) {\n        language\n        summary\n        sections {\n          heading\n          items\n        }\n        note\n        text\n      }\n    }\n  }\n": typeof types.CohortReportScreenDocument,
    "\n  fragment NetworkFiguresFields on NetworkFigures {\n    cohortCount\n    participantsReached\n    participantsReachedSuppressed\n    projectCount\n    enterprisesCreated\n    followUpCount\n    partnerFollowUpCount\n    awardCount\n    awardTotalCents\n  }\n": typeof types.NetworkFiguresFieldsFragmentDoc,
    "\n  query NetworkReportScreen($year: Int!) {\n    networkReport(programYear: $year) {\n      programYear\n      startsOn\n      endsOn\n      suppression {\n        applied\n        threshold\n      }\n      regions {\n        region {\n          id\n          code\n          name\n        }\n        figures {\n          ...NetworkFiguresFields\n        }\n      }\n      total {\n        ...NetworkFiguresFields\n      }\n    }\n  }\n": typeof types.NetworkReportScreenDocument,
};
const documents: Documents = {
    "\n  fragment ActivityListFields on Activity {\n    id\n    title\n    stage\n    heldOn\n    attendeeCount\n    cohort {\n      id\n      name\n    }\n  }\n": types.ActivityListFieldsFragmentDoc,
    "\n  query ActivityCohorts($after: String) {\n    cohorts(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ActivityCohortsDocument,
    "\n  query ActivityList($cohortId: ID, $after: String) {\n    activities(first: 100, after: $after, cohortId: $cohortId) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ActivityListFields\n      }\n    }\n  }\n": types.ActivityListDocument,
    "\n  mutation CreateActivity($input: CreateActivityInput!) {\n    createActivity(input: $input) {\n      activity {\n        ...ActivityListFields\n      }\n      replayed\n    }\n  }\n": types.CreateActivityDocument,
    "\n  fragment AttendanceFields on Activity {\n    id\n    title\n    stage\n    heldOn\n    attendeeCount\n    attendees {\n      id\n      firstName\n      lastName\n      anonymized\n    }\n    cohort {\n      id\n      name\n      region {\n        id\n        name\n      }\n    }\n  }\n": types.AttendanceFieldsFragmentDoc,
    "\n  query ActivityAttendance($id: ID!) {\n    node(id: $id) {\n      ... on Activity {\n        ...AttendanceFields\n      }\n    }\n  }\n": types.ActivityAttendanceDocument,
    "\n  query RegionParticipants($regionId: ID!, $after: String) {\n    participants(first: 100, after: $after, regionId: $regionId) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        firstName\n        lastName\n        anonymized\n      }\n    }\n  }\n": types.RegionParticipantsDocument,
    "\n  mutation RecordAttendance($input: RecordAttendanceInput!) {\n    recordAttendance(input: $input) {\n      activity {\n        ...AttendanceFields\n      }\n    }\n  }\n": types.RecordAttendanceDocument,
    "\n  query ReferenceData {\n    regions {\n      id\n      code\n      name\n    }\n    partners(first: 100) {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n    cohorts(first: 100) {\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ReferenceDataDocument,
    "\n  mutation CreateRegion($input: CreateRegionInput!) {\n    createRegion(input: $input) {\n      region {\n        id\n      }\n    }\n  }\n": types.CreateRegionDocument,
    "\n  mutation CreatePartner($input: CreatePartnerInput!) {\n    createPartner(input: $input) {\n      partner {\n        id\n      }\n    }\n  }\n": types.CreatePartnerDocument,
    "\n  mutation CreateCohort($input: CreateCohortInput!) {\n    createCohort(input: $input) {\n      cohort {\n        id\n      }\n    }\n  }\n": types.CreateCohortDocument,
    "\n  query AuditLog($after: String, $entityId: ID, $userId: ID, $operation: String, $from: DateTime, $to: DateTime) {\n    auditLog(first: 50, after: $after, entityId: $entityId, userId: $userId, operation: $operation, from: $from, to: $to) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        sequence\n        at\n        role\n        operation\n        entityType\n        entityId\n        before\n        after\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query Users($after: String, $role: Role, $active: Boolean, $email: String) {\n    users(first: 50, after: $after, role: $role, active: $active, email: $email) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        role\n        active\n        mustChangePassword\n        passwordExpiresAt\n        region {\n          id\n          name\n        }\n        partner {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation ResetUserPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) {\n      oneTimePassword\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.ResetUserPasswordDocument,
    "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) {\n      user {\n        id\n        active\n      }\n    }\n  }\n": types.SetUserActiveDocument,
    "\n  mutation UpdateRegion($input: UpdateRegionInput!) {\n    updateRegion(input: $input) {\n      region {\n        id\n      }\n    }\n  }\n": types.UpdateRegionDocument,
    "\n  mutation UpdatePartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      partner {\n        id\n      }\n    }\n  }\n": types.UpdatePartnerDocument,
    "\n  mutation UpdateCohort($input: UpdateCohortInput!) {\n    updateCohort(input: $input) {\n      cohort {\n        id\n      }\n    }\n  }\n": types.UpdateCohortDocument,
    "\n  mutation ImportSpreadsheet($files: [Upload!]!, $dryRun: Boolean!, $regionId: ID) {\n    importSpreadsheet(files: $files, dryRun: $dryRun, regionId: $regionId) {\n      dryRun\n      committed\n      tables {\n        file\n        sheet\n        kind\n        rows\n      }\n      counts {\n        kind\n        rows\n        created\n        existing\n        failed\n        consents\n      }\n      problems {\n        ...ImportProblemFields\n      }\n      warnings {\n        ...ImportProblemFields\n      }\n      duplicates {\n        file\n        sheet\n        line\n        matches {\n          id\n          firstName\n          lastName\n          birthYear\n          email\n        }\n      }\n    }\n  }\n": types.ImportSpreadsheetDocument,
    "\n  fragment ImportProblemFields on ImportProblem {\n    file\n    sheet\n    line\n    column\n    columnName\n    code\n    messageFr\n    messageEn\n  }\n": types.ImportProblemFieldsFragmentDoc,
    "\n  query ImportRegions {\n    regions {\n      id\n      name\n    }\n  }\n": types.ImportRegionsDocument,
    "\n  fragment ProjectCardFields on Project {\n    id\n    name\n    stage\n    status\n    version\n    lastFollowUpOn\n    createdAt\n    followUpCount\n    mrc\n    originPartner {\n      id\n      name\n    }\n    cohort {\n      id\n      name\n    }\n  }\n": types.ProjectCardFieldsFragmentDoc,
    "\n  query BoardProjects($after: String) {\n    projects(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ProjectCardFields\n      }\n    }\n  }\n": types.BoardProjectsDocument,
    "\n  subscription BoardChanges {\n    projectChanged {\n      change\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": types.BoardChangesDocument,
    "\n  query CurrentProject($id: ID!) {\n    project(id: $id) {\n      ...ProjectCardFields\n    }\n  }\n": types.CurrentProjectDocument,
    "\n  mutation AdvanceProject($input: AdvanceProjectStageInput!) {\n    advanceProjectStage(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": types.AdvanceProjectDocument,
    "\n  mutation MoveProject($input: MoveProjectStageInput!) {\n    moveProjectStage(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": types.MoveProjectDocument,
    "\n  mutation SetStatus($input: SetProjectStatusInput!) {\n    setProjectStatus(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": types.SetStatusDocument,
    "\n  mutation LogFollowUp($input: LogFollowUpInput!) {\n    logFollowUp(input: $input) {\n      followUp {\n        id\n        occurredOn\n        project {\n          ...ProjectCardFields\n        }\n      }\n    }\n  }\n": types.LogFollowUpDocument,
    "\n  mutation RecordLaunch($input: RecordEnterpriseLaunchInput!) {\n    recordEnterpriseLaunch(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": types.RecordLaunchDocument,
    "\n  fragment ProjectPageFields on Project {\n    ...ProjectCardFields\n    summary\n    mrc\n    sector\n    region {\n      id\n    }\n    stageHistory {\n      version\n      fromStage\n      toStage\n      fromStatus\n      toStatus\n      at\n      note\n    }\n    team {\n      id\n      firstName\n      lastName\n    }\n    awards {\n      id\n      amountCents\n      awardedOn\n      funder {\n        id\n        name\n      }\n    }\n    enterpriseLaunch {\n      legalName\n      legalForm\n      launchedOn\n      neq\n    }\n  }\n": types.ProjectPageFieldsFragmentDoc,
    "\n  query ProjectDetails($id: ID!, $after: String) {\n    project(id: $id) {\n      ...ProjectPageFields\n      followUps(first: 20, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          occurredOn\n          mode\n          summary\n          durationMinutes\n        }\n      }\n    }\n  }\n": types.ProjectDetailsDocument,
    "\n  query NeedingAttention($quietDays: Int!, $onHoldDays: Int!) {\n    projectsNeedingAttention(quietDays: $quietDays, onHoldDays: $onHoldDays) {\n      reasons\n      daysWithoutFollowUp\n      daysOnHold\n      daysInStage\n      cohortMedianDaysInStage\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n": types.NeedingAttentionDocument,
    "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n": types.UpdateProjectDocument,
    "\n  query MemberSearch($search: String!, $regionId: ID) {\n    participants(first: 10, search: $search, regionId: $regionId) {\n      nodes {\n        id\n        firstName\n        lastName\n        birthYear\n      }\n    }\n  }\n": types.MemberSearchDocument,
    "\n  mutation AddMember($input: ProjectMemberInput!) {\n    addProjectMember(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n": types.AddMemberDocument,
    "\n  mutation RemoveMember($input: ProjectMemberInput!) {\n    removeProjectMember(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n": types.RemoveMemberDocument,
    "\n  query FunderPartners {\n    partners(first: 100) {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.FunderPartnersDocument,
    "\n  mutation RecordAward($input: RecordAwardInput!) {\n    recordAward(input: $input) {\n      award {\n        id\n      }\n    }\n  }\n": types.RecordAwardDocument,
    "\n  query FollowUpPartners {\n    partners(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    regions {\n      id\n      name\n    }\n  }\n": types.FollowUpPartnersDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  fragment ParticipantListFields on Participant {\n    id\n    firstName\n    lastName\n    email\n    birthYear\n    mrc\n    createdAt\n    anonymized\n  }\n": types.ParticipantListFieldsFragmentDoc,
    "\n  query ParticipantList($after: String, $search: String) {\n    participants(first: 20, after: $after, search: $search) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ParticipantListFields\n      }\n    }\n  }\n": types.ParticipantListDocument,
    "\n  query LikelyDuplicates($regionId: ID!, $firstName: String!, $lastName: String!, $email: String, $birthYear: Int) {\n    likelyDuplicates(regionId: $regionId, firstName: $firstName, lastName: $lastName, email: $email, birthYear: $birthYear) {\n      ...ParticipantListFields\n    }\n  }\n": types.LikelyDuplicatesDocument,
    "\n  query Regions {\n    regions {\n      id\n      code\n      name\n    }\n  }\n": types.RegionsDocument,
    "\n  fragment ParticipantDetailFields on Participant {\n    ...ParticipantListFields\n    gender\n    region {\n      id\n      name\n    }\n    consents {\n      givenOn\n      purposes\n      withdrawnOn\n      inForce\n    }\n    projects {\n      id\n      name\n      stage\n      status\n    }\n    attendedActivities {\n      id\n      title\n      stage\n      heldOn\n    }\n  }\n": types.ParticipantDetailFieldsFragmentDoc,
    "\n  query ParticipantDetails($id: ID!) {\n    node(id: $id) {\n      ... on Participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": types.ParticipantDetailsDocument,
    "\n  mutation RegisterParticipant($input: RegisterParticipantInput!) {\n    registerParticipant(input: $input) {\n      participant {\n        id\n        firstName\n        lastName\n      }\n      replayed\n    }\n  }\n": types.RegisterParticipantDocument,
    "\n  mutation UpdateParticipant($input: UpdateParticipantInput!) {\n    updateParticipant(input: $input) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": types.UpdateParticipantDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      participant {\n        ...ParticipantDetailFields\n      }\n      replayed\n    }\n  }\n": types.RecordConsentDocument,
    "\n  mutation WithdrawConsent($participantId: ID!) {\n    withdrawConsent(participantId: $participantId) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": types.WithdrawConsentDocument,
    "\n  mutation EraseParticipant($participantId: ID!) {\n    eraseParticipant(participantId: $participantId) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n": types.EraseParticipantDocument,
    "\n  query ParticipantDataExport($participantId: ID!) {\n    participantDataExport(participantId: $participantId)\n  }\n": types.ParticipantDataExportDocument,
    "\n  fragment PartnerProjectFields on Project {\n    id\n    name\n    stage\n    status\n    lastFollowUpOn\n    followUpCount\n    teamSize\n    cohort {\n      id\n      name\n    }\n  }\n": types.PartnerProjectFieldsFragmentDoc,
    "\n  query PartnerProjects($after: String) {\n    projects(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PartnerProjectFields\n      }\n    }\n  }\n": types.PartnerProjectsDocument,
    "\n  query PartnerProject($id: ID!) {\n    project(id: $id) {\n      ...PartnerProjectFields\n      stageHistory {\n        version\n        fromStage\n        toStage\n        fromStatus\n        toStatus\n        at\n      }\n    }\n  }\n": types.PartnerProjectDocument,
    "\n  subscription PartnerProjectChanges {\n    projectChanged {\n      change\n      project {\n        ...PartnerProjectFields\n      }\n    }\n  }\n": types.PartnerProjectChangesDocument,
    "\n  subscription PartnerProjectLive($id: ID!) {\n    projectChanged(projectId: $id) {\n      change\n      project {\n        ...PartnerProjectFields\n        stageHistory {\n          version\n          fromStage\n          toStage\n          fromStatus\n          toStatus\n          at\n        }\n      }\n    }\n  }\n": types.PartnerProjectLiveDocument,
    "\n  query ReportCohorts($after: String) {\n    cohorts(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": types.ReportCohortsDocument,
    "\n  query CohortReportScreen($id: ID!, $language: Language!) {\n    cohortReport(cohortId: $id) {\n      cohort {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          code\n          name\n        }\n      }\n      suppression {\n        applied\n        threshold\n      }\n      participantsReached\n      participantsReachedSuppressed\n      participantsByStage {\n        stage\n        count\n        suppressed\n        suppressedBelow\n      }\n      projectCount\n      projectsByStage {\n        stage\n        count\n        suppressed\n        suppressedBelow\n      }\n      projectsByStatus {\n        status\n        count\n        suppressed\n      }\n      enterprisesCreated\n      followUpCount\n      followUpsByOrigin {\n        partner {\n          id\n          name\n        }\n        projectCount\n        followUpCount\n      }\n      partnerFollowUps {\n        partner {\n          id\n          name\n        }\n        followUpCount\n      }\n      awards {\n        count\n        totalAmountCents\n      }\n      funnel {\n        steps {\n          stage\n          projectsReached\n          conversionToNext\n        }\n        launched\n        launchRate\n      }\n      timeInStage {\n        stage\n        medianDays\n        completedStays\n        openStays\n      }\n      projectsBySector {\n        sector\n        count\n        suppressed\n      }\n      projectsByMrc {\n        mrc\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByGender {\n        gender\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByAgeBand {\n        band\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByMrc {\n        mrc\n        count\n        suppressed\n        suppressedBelow\n      }\n      teamsByComposition {\n        composition\n        count\n        suppressed\n        suppressedBelow\n      }\n      comparison {\n        previousCohort {\n          id\n          name\n        }\n        figures {\n          figure\n          current\n          previous\n          difference\n          percentChange\n          suppressed\n        }\n      }\n      narrative(language: $language) {\n        language\n        summary\n        sections {\n          heading\n          items\n        }\n        note\n        text\n      }\n    }\n  }\n": types.CohortReportScreenDocument,
    "\n  fragment NetworkFiguresFields on NetworkFigures {\n    cohortCount\n    participantsReached\n    participantsReachedSuppressed\n    projectCount\n    enterprisesCreated\n    followUpCount\n    partnerFollowUpCount\n    awardCount\n    awardTotalCents\n  }\n": types.NetworkFiguresFieldsFragmentDoc,
    "\n  query NetworkReportScreen($year: Int!) {\n    networkReport(programYear: $year) {\n      programYear\n      startsOn\n      endsOn\n      suppression {\n        applied\n        threshold\n      }\n      regions {\n        region {\n          id\n          code\n          name\n        }\n        figures {\n          ...NetworkFiguresFields\n        }\n      }\n      total {\n        ...NetworkFiguresFields\n      }\n    }\n  }\n": types.NetworkReportScreenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityListFields on Activity {\n    id\n    title\n    stage\n    heldOn\n    attendeeCount\n    cohort {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ActivityListFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityCohorts($after: String) {\n    cohorts(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ActivityCohortsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityList($cohortId: ID, $after: String) {\n    activities(first: 100, after: $after, cohortId: $cohortId) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ActivityListFields\n      }\n    }\n  }\n"): typeof import('./graphql').ActivityListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateActivity($input: CreateActivityInput!) {\n    createActivity(input: $input) {\n      activity {\n        ...ActivityListFields\n      }\n      replayed\n    }\n  }\n"): typeof import('./graphql').CreateActivityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttendanceFields on Activity {\n    id\n    title\n    stage\n    heldOn\n    attendeeCount\n    attendees {\n      id\n      firstName\n      lastName\n      anonymized\n    }\n    cohort {\n      id\n      name\n      region {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').AttendanceFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityAttendance($id: ID!) {\n    node(id: $id) {\n      ... on Activity {\n        ...AttendanceFields\n      }\n    }\n  }\n"): typeof import('./graphql').ActivityAttendanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionParticipants($regionId: ID!, $after: String) {\n    participants(first: 100, after: $after, regionId: $regionId) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        firstName\n        lastName\n        anonymized\n      }\n    }\n  }\n"): typeof import('./graphql').RegionParticipantsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAttendance($input: RecordAttendanceInput!) {\n    recordAttendance(input: $input) {\n      activity {\n        ...AttendanceFields\n      }\n    }\n  }\n"): typeof import('./graphql').RecordAttendanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferenceData {\n    regions {\n      id\n      code\n      name\n    }\n    partners(first: 100) {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n    cohorts(first: 100) {\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReferenceDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRegion($input: CreateRegionInput!) {\n    createRegion(input: $input) {\n      region {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').CreateRegionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePartner($input: CreatePartnerInput!) {\n    createPartner(input: $input) {\n      partner {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').CreatePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCohort($input: CreateCohortInput!) {\n    createCohort(input: $input) {\n      cohort {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').CreateCohortDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($after: String, $entityId: ID, $userId: ID, $operation: String, $from: DateTime, $to: DateTime) {\n    auditLog(first: 50, after: $after, entityId: $entityId, userId: $userId, operation: $operation, from: $from, to: $to) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        sequence\n        at\n        role\n        operation\n        entityType\n        entityId\n        before\n        after\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($after: String, $role: Role, $active: Boolean, $email: String) {\n    users(first: 50, after: $after, role: $role, active: $active, email: $email) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        role\n        active\n        mustChangePassword\n        passwordExpiresAt\n        region {\n          id\n          name\n        }\n        partner {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').UsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n        email\n      }\n    }\n  }\n"): typeof import('./graphql').CreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) {\n      oneTimePassword\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n"): typeof import('./graphql').ResetUserPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) {\n      user {\n        id\n        active\n      }\n    }\n  }\n"): typeof import('./graphql').SetUserActiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRegion($input: UpdateRegionInput!) {\n    updateRegion(input: $input) {\n      region {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateRegionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      partner {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').UpdatePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCohort($input: UpdateCohortInput!) {\n    updateCohort(input: $input) {\n      cohort {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateCohortDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportSpreadsheet($files: [Upload!]!, $dryRun: Boolean!, $regionId: ID) {\n    importSpreadsheet(files: $files, dryRun: $dryRun, regionId: $regionId) {\n      dryRun\n      committed\n      tables {\n        file\n        sheet\n        kind\n        rows\n      }\n      counts {\n        kind\n        rows\n        created\n        existing\n        failed\n        consents\n      }\n      problems {\n        ...ImportProblemFields\n      }\n      warnings {\n        ...ImportProblemFields\n      }\n      duplicates {\n        file\n        sheet\n        line\n        matches {\n          id\n          firstName\n          lastName\n          birthYear\n          email\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ImportSpreadsheetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportProblemFields on ImportProblem {\n    file\n    sheet\n    line\n    column\n    columnName\n    code\n    messageFr\n    messageEn\n  }\n"): typeof import('./graphql').ImportProblemFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportRegions {\n    regions {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ImportRegionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectCardFields on Project {\n    id\n    name\n    stage\n    status\n    version\n    lastFollowUpOn\n    createdAt\n    followUpCount\n    mrc\n    originPartner {\n      id\n      name\n    }\n    cohort {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ProjectCardFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardProjects($after: String) {\n    projects(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ProjectCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').BoardProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardChanges {\n    projectChanged {\n      change\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').BoardChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentProject($id: ID!) {\n    project(id: $id) {\n      ...ProjectCardFields\n    }\n  }\n"): typeof import('./graphql').CurrentProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdvanceProject($input: AdvanceProjectStageInput!) {\n    advanceProjectStage(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').AdvanceProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveProject($input: MoveProjectStageInput!) {\n    moveProjectStage(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').MoveProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStatus($input: SetProjectStatusInput!) {\n    setProjectStatus(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').SetStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogFollowUp($input: LogFollowUpInput!) {\n    logFollowUp(input: $input) {\n      followUp {\n        id\n        occurredOn\n        project {\n          ...ProjectCardFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LogFollowUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordLaunch($input: RecordEnterpriseLaunchInput!) {\n    recordEnterpriseLaunch(input: $input) {\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').RecordLaunchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectPageFields on Project {\n    ...ProjectCardFields\n    summary\n    mrc\n    sector\n    region {\n      id\n    }\n    stageHistory {\n      version\n      fromStage\n      toStage\n      fromStatus\n      toStatus\n      at\n      note\n    }\n    team {\n      id\n      firstName\n      lastName\n    }\n    awards {\n      id\n      amountCents\n      awardedOn\n      funder {\n        id\n        name\n      }\n    }\n    enterpriseLaunch {\n      legalName\n      legalForm\n      launchedOn\n      neq\n    }\n  }\n"): typeof import('./graphql').ProjectPageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectDetails($id: ID!, $after: String) {\n    project(id: $id) {\n      ...ProjectPageFields\n      followUps(first: 20, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          occurredOn\n          mode\n          summary\n          durationMinutes\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ProjectDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NeedingAttention($quietDays: Int!, $onHoldDays: Int!) {\n    projectsNeedingAttention(quietDays: $quietDays, onHoldDays: $onHoldDays) {\n      reasons\n      daysWithoutFollowUp\n      daysOnHold\n      daysInStage\n      cohortMedianDaysInStage\n      project {\n        ...ProjectCardFields\n      }\n    }\n  }\n"): typeof import('./graphql').NeedingAttentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberSearch($search: String!, $regionId: ID) {\n    participants(first: 10, search: $search, regionId: $regionId) {\n      nodes {\n        id\n        firstName\n        lastName\n        birthYear\n      }\n    }\n  }\n"): typeof import('./graphql').MemberSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddMember($input: ProjectMemberInput!) {\n    addProjectMember(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n"): typeof import('./graphql').AddMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($input: ProjectMemberInput!) {\n    removeProjectMember(input: $input) {\n      project {\n        ...ProjectPageFields\n      }\n    }\n  }\n"): typeof import('./graphql').RemoveMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FunderPartners {\n    partners(first: 100) {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): typeof import('./graphql').FunderPartnersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAward($input: RecordAwardInput!) {\n    recordAward(input: $input) {\n      award {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').RecordAwardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowUpPartners {\n    partners(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    regions {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').FollowUpPartnersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): typeof import('./graphql').ChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ParticipantListFields on Participant {\n    id\n    firstName\n    lastName\n    email\n    birthYear\n    mrc\n    createdAt\n    anonymized\n  }\n"): typeof import('./graphql').ParticipantListFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParticipantList($after: String, $search: String) {\n    participants(first: 20, after: $after, search: $search) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ParticipantListFields\n      }\n    }\n  }\n"): typeof import('./graphql').ParticipantListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LikelyDuplicates($regionId: ID!, $firstName: String!, $lastName: String!, $email: String, $birthYear: Int) {\n    likelyDuplicates(regionId: $regionId, firstName: $firstName, lastName: $lastName, email: $email, birthYear: $birthYear) {\n      ...ParticipantListFields\n    }\n  }\n"): typeof import('./graphql').LikelyDuplicatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Regions {\n    regions {\n      id\n      code\n      name\n    }\n  }\n"): typeof import('./graphql').RegionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ParticipantDetailFields on Participant {\n    ...ParticipantListFields\n    gender\n    region {\n      id\n      name\n    }\n    consents {\n      givenOn\n      purposes\n      withdrawnOn\n      inForce\n    }\n    projects {\n      id\n      name\n      stage\n      status\n    }\n    attendedActivities {\n      id\n      title\n      stage\n      heldOn\n    }\n  }\n"): typeof import('./graphql').ParticipantDetailFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParticipantDetails($id: ID!) {\n    node(id: $id) {\n      ... on Participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n"): typeof import('./graphql').ParticipantDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterParticipant($input: RegisterParticipantInput!) {\n    registerParticipant(input: $input) {\n      participant {\n        id\n        firstName\n        lastName\n      }\n      replayed\n    }\n  }\n"): typeof import('./graphql').RegisterParticipantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateParticipant($input: UpdateParticipantInput!) {\n    updateParticipant(input: $input) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateParticipantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      participant {\n        ...ParticipantDetailFields\n      }\n      replayed\n    }\n  }\n"): typeof import('./graphql').RecordConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawConsent($participantId: ID!) {\n    withdrawConsent(participantId: $participantId) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n"): typeof import('./graphql').WithdrawConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EraseParticipant($participantId: ID!) {\n    eraseParticipant(participantId: $participantId) {\n      participant {\n        ...ParticipantDetailFields\n      }\n    }\n  }\n"): typeof import('./graphql').EraseParticipantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParticipantDataExport($participantId: ID!) {\n    participantDataExport(participantId: $participantId)\n  }\n"): typeof import('./graphql').ParticipantDataExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PartnerProjectFields on Project {\n    id\n    name\n    stage\n    status\n    lastFollowUpOn\n    followUpCount\n    teamSize\n    cohort {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').PartnerProjectFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerProjects($after: String) {\n    projects(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PartnerProjectFields\n      }\n    }\n  }\n"): typeof import('./graphql').PartnerProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerProject($id: ID!) {\n    project(id: $id) {\n      ...PartnerProjectFields\n      stageHistory {\n        version\n        fromStage\n        toStage\n        fromStatus\n        toStatus\n        at\n      }\n    }\n  }\n"): typeof import('./graphql').PartnerProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PartnerProjectChanges {\n    projectChanged {\n      change\n      project {\n        ...PartnerProjectFields\n      }\n    }\n  }\n"): typeof import('./graphql').PartnerProjectChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PartnerProjectLive($id: ID!) {\n    projectChanged(projectId: $id) {\n      change\n      project {\n        ...PartnerProjectFields\n        stageHistory {\n          version\n          fromStage\n          toStage\n          fromStatus\n          toStatus\n          at\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PartnerProjectLiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportCohorts($after: String) {\n    cohorts(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReportCohortsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CohortReportScreen($id: ID!, $language: Language!) {\n    cohortReport(cohortId: $id) {\n      cohort {\n        id\n        name\n        startsOn\n        endsOn\n        region {\n          id\n          code\n          name\n        }\n      }\n      suppression {\n        applied\n        threshold\n      }\n      participantsReached\n      participantsReachedSuppressed\n      participantsByStage {\n        stage\n        count\n        suppressed\n        suppressedBelow\n      }\n      projectCount\n      projectsByStage {\n        stage\n        count\n        suppressed\n        suppressedBelow\n      }\n      projectsByStatus {\n        status\n        count\n        suppressed\n      }\n      enterprisesCreated\n      followUpCount\n      followUpsByOrigin {\n        partner {\n          id\n          name\n        }\n        projectCount\n        followUpCount\n      }\n      partnerFollowUps {\n        partner {\n          id\n          name\n        }\n        followUpCount\n      }\n      awards {\n        count\n        totalAmountCents\n      }\n      funnel {\n        steps {\n          stage\n          projectsReached\n          conversionToNext\n        }\n        launched\n        launchRate\n      }\n      timeInStage {\n        stage\n        medianDays\n        completedStays\n        openStays\n      }\n      projectsBySector {\n        sector\n        count\n        suppressed\n      }\n      projectsByMrc {\n        mrc\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByGender {\n        gender\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByAgeBand {\n        band\n        count\n        suppressed\n        suppressedBelow\n      }\n      participantsByMrc {\n        mrc\n        count\n        suppressed\n        suppressedBelow\n      }\n      teamsByComposition {\n        composition\n        count\n        suppressed\n        suppressedBelow\n      }\n      comparison {\n        previousCohort {\n          id\n          name\n        }\n        figures {\n          figure\n          current\n          previous\n          difference\n          percentChange\n          suppressed\n        }\n      }\n      narrative(language: $language) {\n        language\n        summary\n        sections {\n          heading\n          items\n        }\n        note\n        text\n      }\n    }\n  }\n"): typeof import('./graphql').CohortReportScreenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NetworkFiguresFields on NetworkFigures {\n    cohortCount\n    participantsReached\n    participantsReachedSuppressed\n    projectCount\n    enterprisesCreated\n    followUpCount\n    partnerFollowUpCount\n    awardCount\n    awardTotalCents\n  }\n"): typeof import('./graphql').NetworkFiguresFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NetworkReportScreen($year: Int!) {\n    networkReport(programYear: $year) {\n      programYear\n      startsOn\n      endsOn\n      suppression {\n        applied\n        threshold\n      }\n      regions {\n        region {\n          id\n          code\n          name\n        }\n        figures {\n          ...NetworkFiguresFields\n        }\n      }\n      total {\n        ...NetworkFiguresFields\n      }\n    }\n  }\n"): typeof import('./graphql').NetworkReportScreenDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
