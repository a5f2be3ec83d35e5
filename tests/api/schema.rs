//! The checked-in schema is the served schema.

#[test]
fn schema_graphql_equals_the_served_sdl() {
    let checked_in = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql"))
        .expect("schema.graphql at the repository root");
    let served = sismic_graphql::sdl();
    assert!(checked_in == served, "schema.graphql is stale: run `make schema` and review the diff");
}

#[test]
fn the_contract_names_exist_in_the_schema() {
    let sdl = sismic_graphql::sdl();
    for name in [
        "enum Stage",
        "enum ProjectStatus",
        "enum Role",
        "enum FollowUpMode",
        "enum LegalForm",
        "enum PartnerKind",
        "scalar Date",
        "scalar DateTime",
        "interface Node",
        "node(id: ID!): Node",
        "project(id: ID!): Project\n",
        "cohortReport(cohortId: ID!): CohortReport!",
        "login(email: String!, password: String!): LoginPayload!",
        "createRegion(input: CreateRegionInput!)",
        "createUser(input: CreateUserInput!)",
        "createPartner(input: CreatePartnerInput!)",
        "createCohort(input: CreateCohortInput!)",
        "createProject(input: CreateProjectInput!)",
        "advanceProjectStage(input: AdvanceProjectStageInput!)",
        "moveProjectStage(input: MoveProjectStageInput!)",
        "setProjectStatus(input: SetProjectStatusInput!)",
        "recordEnterpriseLaunch(input: RecordEnterpriseLaunchInput!)",
        "registerParticipant(input: RegisterParticipantInput!)",
        "createActivity(input: CreateActivityInput!)",
        "recordAttendance(input: RecordAttendanceInput!)",
        "logFollowUp(input: LogFollowUpInput!)",
        "recordAward(input: RecordAwardInput!)",
        "followUpsByOrigin: [OriginFollowUps!]!",
        "partnerFollowUps: [PartnerFollowUps!]!",
        "totalAmountCents: Int!",
        "lastFollowUpOn: Date",
        "followUpCount: Int!",
        "stageHistory: [StageChange!]!",
    ] {
        assert!(sdl.contains(name), "the schema lacks `{name}`");
    }
    // Counts of people a funder may not see are nullable (API.md, "Small cells").
    for (object, field) in [("CohortReport", "participantsReached: Int\n"), ("StageCount", "count: Int\n")] {
        let start = sdl.find(&format!("type {object} ")).unwrap_or_else(|| panic!("no type {object}"));
        let block = &sdl[start..start + sdl[start..].find("\n}").expect("the type's end")];
        assert!(block.contains(field), "{object} lacks `{}`", field.trim());
    }
}
