// Exemples d'opérations par rôle, ouverts en onglets dans GraphiQL (defaultTabs).
// Example operations for each role, opened as GraphiQL tabs (defaultTabs).
// tests/examples.mjs validates every one against ../schema.graphql: keep them in step with it.

/** The header editor's starting text: paste the token from `login` after "Bearer ". */
export const defaultHeaders = `{
  "Authorization": "Bearer "
}`;

const signIn = `# Connexion : copiez le jeton (token) dans l'en-tête Authorization (onglet Headers, en bas).
# Sign-in: copy the token into the Authorization header (Headers tab, below).
mutation SeConnecter_SignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    expiresAt
    user { email role region { code name } partner { name } }
  }
}
`;

const agent = `# Agent·e : les projets de votre région, avec étape, statut, version et nombre de suivis.
# Agent: your region's projects, with stage, status, version and follow-up count.
query ProjetsDeLaRegion_RegionProjects($first: Int = 20, $after: String) {
  projects(first: $first, after: $after) {
    edges {
      node {
        id
        name
        stage
        status
        version # à passer comme expectedVersion / pass it as expectedVersion
        followUpCount
        lastFollowUpOn
        cohort { name }
        originPartner { name }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}

# Consigner un suivi. La même idempotencyKey rejouée avec la même saisie renvoie le premier
# suivi sans rien écrire (replayed: true) : réessayez sans crainte après une coupure réseau.
# Log a follow-up. The same idempotencyKey replayed with the same input returns the first
# follow-up and writes nothing (replayed: true): retry safely after a network failure.
mutation ConsignerUnSuivi_LogFollowUp($projectId: ID!, $occurredOn: Date!) {
  logFollowUp(input: {
    projectId: $projectId
    occurredOn: $occurredOn
    mode: VIRTUAL
    summary: "Accompagnement : modèle d'affaires / Coaching: business model canvas"
    durationMinutes: 60
    idempotencyKey: "tablette-7f3a-0001"
  }) {
    followUp { id occurredOn mode project { name followUpCount } }
    replayed
  }
}
`;

const partner = `# Partenaire : les projets issus de votre organisation, et l'historique de leurs étapes
# (les notes des agent·es ne vous sont pas montrées).
# Partner: the projects that came from your organisation, and their stage history
# (agents' notes are not shown to you).
query ProjetsDuPartenaire_PartnerProjects($first: Int = 20) {
  projects(first: $first) {
    edges {
      node {
        id
        name
        stage
        status
        followUpCount
        lastFollowUpOn
        teamSize
        stageHistory { version fromStage toStage fromStatus toStatus at }
      }
    }
  }
}
`;

const funder = `# Bailleur de fonds : le rapport d'une cohorte. Un nombre de personnes de 1 à 4 est null,
# avec suppressed: true (suppression des petites cellules).
# Funder: a cohort's report. A count of 1 to 4 people is null, with suppressed: true
# (small-cell suppression).
query RapportDeCohorte_CohortReport($cohortId: ID!) {
  cohortReport(cohortId: $cohortId) {
    cohort { name startsOn endsOn region { name } }
    suppression { applied threshold }
    participantsReached
    participantsReachedSuppressed
    participantsByStage { stage count suppressed }
    projectCount
    projectsByStage { stage count suppressed }
    projectsByStatus { status count suppressed }
    enterprisesCreated
    followUpCount
    followUpsByOrigin { partner { name } projectCount followUpCount }
    awards { count totalAmountCents }
  }
}

# Le rapport du réseau : une année de programme, par région et au total.
# The network report: one programme year, by region and in total.
query RapportDuReseau_NetworkReport($programYear: Int! = 2020) {
  networkReport(programYear: $programYear) {
    programYear
    startsOn
    endsOn
    suppression { applied threshold }
    regions { region { code name } figures { projectCount enterprisesCreated participantsReached participantsReachedSuppressed } }
    total { cohortCount projectCount enterprisesCreated participantsReached participantsReachedSuppressed followUpCount awardTotalCents }
  }
}
`;

/** One tab per role, in the order a newcomer needs them (sign in first). */
export const tabs = [
  {
    title: 'Connexion / Sign-in',
    query: signIn,
    variables: JSON.stringify({ email: 'agente.cq@demo.sismic.quebec', password: 'demo-sismic-2021' }, null, 2),
  },
  {
    title: 'Agent',
    query: agent,
    variables: JSON.stringify({ first: 20, projectId: '<id d’un projet / a project id>', occurredOn: '2021-03-02' }, null, 2),
  },
  { title: 'Partenaire / Partner', query: partner, variables: JSON.stringify({ first: 20 }, null, 2) },
  {
    title: 'Bailleur / Funder',
    query: funder,
    variables: JSON.stringify({ cohortId: '<id d’une cohorte / a cohort id>', programYear: 2020 }, null, 2),
  },
];
