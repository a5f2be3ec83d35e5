//! The enumerations of the contract. Each one mirrors, variant for variant, a vocabulary of
//! the domain (`sismic_domain::vocabulary`), which owns the names and the labels; the
//! `remote` attribute derives the conversions both ways, so the two cannot drift apart
//! silently (a variant missing on either side does not compile).

use async_graphql::Enum;
use serde::Serialize;
use sismic_domain as domain;

/// A stage of the SISMIC pathway, in order.
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "domain::Stage")]
pub enum Stage {
    /// Révélation: young people discover collective entrepreneurship and form a team around a need.
    Revelation,
    /// Idéation: the team shapes the idea and its business model.
    Ideation,
    /// Prototypage: the team tests a prototype and prepares to launch.
    Prototyping,
}

/// Where a project stands, independently of its stage.
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "domain::ProjectStatus")]
pub enum ProjectStatus {
    /// Being coached.
    Active,
    /// Paused (e.g. postponed because of COVID).
    OnHold,
    /// The team gave up.
    Abandoned,
    /// A collective enterprise was created. Final; set only by `recordEnterpriseLaunch`.
    Launched,
    /// Referred to another region's SISMIC.
    ReferredOut,
}

/// What a user may see and do.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "domain::Role")]
pub enum Role {
    /// Everything, including regions and users.
    Admin,
    /// Everything of their own region, and all partners.
    Agent,
    /// The status of the projects that came from their partner institution; nothing else.
    Partner,
    /// Cohort reports (aggregates only).
    Funder,
}

/// How a follow-up took place.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "domain::FollowUpMode")]
pub enum FollowUpMode {
    /// Face to face.
    InPerson,
    /// Video call.
    Virtual,
    /// Telephone.
    Phone,
    /// Email exchange.
    Email,
}

/// Legal form of a collective enterprise.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "domain::LegalForm")]
pub enum LegalForm {
    /// Co-operative (coopérative).
    Cooperative,
    /// Non-profit organisation (OBNL).
    Nonprofit,
}

/// What kind of institution a partner is.
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "domain::PartnerKind")]
pub enum PartnerKind {
    /// A college (cégep).
    College,
    /// A university.
    University,
    /// An economic-development corporation.
    EconomicDevelopment,
    /// A youth employment centre (CJE).
    YouthEmployment,
    /// A funder.
    Funder,
    /// A network (Chantier de l'économie sociale, RISQ).
    Network,
    /// An incubator, such as another region's SISMIC.
    Incubator,
    /// Anything else.
    Other,
}

/// What a participant consents to their personal information being used for (Law 25).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "domain::ConsentPurpose")]
pub enum ConsentPurpose {
    /// Running the pathway with them: coaching, activities, follow-ups.
    ProgramDelivery,
    /// Being counted, anonymously, in reports to funders.
    Reporting,
    /// Receiving news and invitations.
    Communications,
    /// Appearing in photos and promotional material.
    Photos,
}

/// Sector of activity of a project, as the Pôle's annual report groups them ("secteur d'activité").
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "domain::Sector")]
pub enum Sector {
    /// Tourisme.
    Tourism,
    /// Culture et arts.
    Culture,
    /// Agroalimentaire.
    AgriFood,
    /// Commerce de détail.
    Retail,
    /// Santé et services sociaux.
    Health,
    /// Loisirs et sports.
    Leisure,
    /// Éducation et formation.
    Education,
    /// Services à la communauté.
    CommunityServices,
    /// Médias et communications.
    Communications,
    /// Environnement et économie circulaire.
    Environment,
    /// Technologies et services numériques.
    Technology,
    /// Habitation.
    Housing,
    /// Autre secteur.
    Other,
}

/// Gender of a participant, as they state it (personal information: ADMIN and agents only;
/// funders see only suppressed aggregates).
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "domain::Gender")]
pub enum Gender {
    /// Femme.
    Woman,
    /// Homme.
    Man,
    /// Non binaire.
    NonBinary,
    /// The person chose not to say (préfère ne pas répondre).
    Undisclosed,
}

/// Age band of a participant at the start of a cohort, from the birth year only (the age the
/// person reaches during the calendar year the cohort starts).
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "domain::AgeBand")]
pub enum AgeBand {
    /// Under 18.
    #[graphql(name = "UNDER_18")]
    #[serde(rename = "UNDER_18")]
    Under18,
    /// 18 to 24.
    #[graphql(name = "FROM_18_TO_24")]
    #[serde(rename = "FROM_18_TO_24")]
    From18To24,
    /// 25 to 29.
    #[graphql(name = "FROM_25_TO_29")]
    #[serde(rename = "FROM_25_TO_29")]
    From25To29,
    /// 30 to 35.
    #[graphql(name = "FROM_30_TO_35")]
    #[serde(rename = "FROM_30_TO_35")]
    From30To35,
    /// Over 35.
    #[graphql(name = "OVER_35")]
    #[serde(rename = "OVER_35")]
    Over35,
    /// Birth year not recorded.
    #[graphql(name = "UNKNOWN")]
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

/// Composition of a project team ("groupe promoteur"), from its members' stated genders.
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(remote = "domain::TeamComposition")]
pub enum TeamComposition {
    /// Only women ("une femme ou des femmes").
    Women,
    /// Only men ("un homme ou des hommes").
    Men,
    /// At least two different genders ("femmes et hommes").
    Mixed,
    /// Only non-binary people.
    NonBinary,
    /// No member recorded, or a member whose gender is not recorded or undisclosed.
    Unknown,
}

/// A main figure of a report, as compared between cohorts.
#[derive(Enum, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReportFigure {
    /// `participantsReached`.
    ParticipantsReached,
    /// `projectCount`.
    ProjectCount,
    /// `enterprisesCreated`.
    EnterprisesCreated,
    /// `followUpCount` (follow-ups on the cohort's projects).
    FollowUpCount,
    /// Follow-ups with partners (the sum of `partnerFollowUps`).
    PartnerFollowUpCount,
    /// `awards.count`.
    AwardCount,
}

/// Language of a text the API writes (the annual report's paragraph, export headers).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// French (Quebec): the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl From<Language> for domain::narrative::Language {
    fn from(value: Language) -> Self {
        match value {
            Language::Fr => domain::narrative::Language::French,
            Language::En => domain::narrative::Language::English,
        }
    }
}
