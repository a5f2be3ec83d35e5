//! The closed vocabularies of SISMIC Tracker, each defined once: every value's name (as the API,
//! tokens and the database spell it) and its French and English labels.
//!
//! The storage layer reads and writes these names, the GraphQL layer maps its enumerations onto
//! these types one-to-one (`#[graphql(remote = ...)]`), and the exports write these labels. A
//! new value is added here, in the database's check constraint and in the GraphQL enumeration;
//! the compiler then points at every `match` that has to learn it.
//!
//! The labels are those of the files the API writes (CSV and workbook exports, the annual
//! report), so they name groups where reports count people (« Femmes »). The web app keeps its
//! own translation catalogue (`web/app/src/i18n`), whose wording is sometimes shorter or longer.

use crate::narrative::Language;

/// A stored or received value that is not one of the known names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}`")]
pub struct UnknownName {
    kind: &'static str,
    value: String,
}

impl UnknownName {
    /// `value` is not a known `kind`.
    pub fn new(kind: &'static str, value: &str) -> Self {
        UnknownName { kind, value: value.to_owned() }
    }
}

/// Defines a closed vocabulary: the enum, `ALL` in declaration order, its names (`as_str`,
/// `FromStr`, `TryFrom<String>` for storage rows, `Display`, `Serialize` as the name) and its
/// labels.
macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal:
     $($(#[$vdoc:meta])* $variant:ident = $stored:literal, $fr:literal, $en:literal),* $(,)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),*
        }
        impl $name {
            /// Every value, in declaration order (the order reports list them in).
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
            /// The name used in the API, tokens and the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored),* }
            }
            /// The French label, as the exports write it.
            pub fn label_fr(self) -> &'static str {
                match self { $($name::$variant => $fr),* }
            }
            /// The English label, as the exports write it.
            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en),* }
            }
            /// The label in a language.
            pub fn label(self, language: Language) -> &'static str {
                match language {
                    Language::French => self.label_fr(),
                    Language::English => self.label_en(),
                }
            }
        }
        impl std::str::FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.into_iter().find(|v| v.as_str() == s).ok_or_else(|| UnknownName::new($what, s))
            }
        }
        impl TryFrom<String> for $name {
            type Error = UnknownName;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                value.parse()
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// A stage of the SISMIC pathway, in order.
    Stage, "stage":
    /// Révélation: young people discover collective entrepreneurship and form a team.
    Revelation = "REVELATION", "Révélation", "Revelation",
    /// Idéation: the team shapes the idea and its business model.
    Ideation = "IDEATION", "Idéation", "Ideation",
    /// Prototypage: the team tests a prototype and prepares to launch.
    Prototyping = "PROTOTYPING", "Prototypage", "Prototyping",
);

named_enum!(
    /// Where a project stands, independently of its stage.
    ProjectStatus, "project status":
    /// Being coached.
    Active = "ACTIVE", "Actif", "Active",
    /// Paused (e.g. "reporté dû à la COVID").
    OnHold = "ON_HOLD", "En pause", "On hold",
    /// The team gave up.
    Abandoned = "ABANDONED", "Abandonné", "Abandoned",
    /// A collective enterprise was created. Final.
    Launched = "LAUNCHED", "Entreprise créée", "Enterprise created",
    /// Referred to another region's SISMIC (DOMAIN.md: "referred to another region's SISMIC").
    ReferredOut = "REFERRED_OUT", "Dirigé vers une autre région", "Referred to another region",
);

named_enum!(
    /// What kind of user a request comes from (API.md, "Roles").
    Role, "role":
    /// Runs the network: sees and changes everything, including regions and users.
    Admin = "ADMIN", "Administrateur", "Administrator",
    /// A region's SISMIC agent: everything of their own region, all partners.
    Agent = "AGENT", "Agent SISMIC", "SISMIC agent",
    /// A partner institution: the status of the projects that came from it, nothing else.
    Partner = "PARTNER", "Partenaire", "Partner",
    /// A funder: cohort reports (aggregates only).
    Funder = "FUNDER", "Bailleur de fonds", "Funder",
);

named_enum!(
    /// Sector of activity of a project, as the Pôle's annual report groups them.
    Sector, "sector":
    /// Tourism.
    Tourism = "TOURISM", "Tourisme", "Tourism",
    /// Culture and the arts.
    Culture = "CULTURE", "Culture", "Culture",
    /// Agriculture and food.
    AgriFood = "AGRI_FOOD", "Agroalimentaire", "Agri-food",
    /// Retail trade.
    Retail = "RETAIL", "Commerce de détail", "Retail",
    /// Health and social services.
    Health = "HEALTH", "Santé et services sociaux", "Health",
    /// Leisure and sports.
    Leisure = "LEISURE", "Loisirs", "Leisure",
    /// Education and training.
    Education = "EDUCATION", "Éducation", "Education",
    /// Services to the community.
    CommunityServices = "COMMUNITY_SERVICES", "Services à la communauté", "Community services",
    /// Media and communications.
    Communications = "COMMUNICATIONS", "Communications", "Communications",
    /// Environment and circular economy.
    Environment = "ENVIRONMENT", "Environnement", "Environment",
    /// Technology and digital services.
    Technology = "TECHNOLOGY", "Technologies", "Technology",
    /// Housing.
    Housing = "HOUSING", "Habitation", "Housing",
    /// Anything else.
    Other = "OTHER", "Autre", "Other",
);

named_enum!(
    /// Gender of a participant, as they state it. The labels name the group, as reports count
    /// people by gender.
    Gender, "gender":
    /// Woman.
    Woman = "WOMAN", "Femmes", "Women",
    /// Man.
    Man = "MAN", "Hommes", "Men",
    /// Non-binary.
    NonBinary = "NON_BINARY", "Personnes non binaires", "Non-binary people",
    /// The person chose not to say.
    Undisclosed = "UNDISCLOSED", "Préfère ne pas répondre", "Prefer not to say",
);

named_enum!(
    /// Age band of a participant at the start of a cohort.
    AgeBand, "age band":
    /// Under 18.
    Under18 = "UNDER_18", "Moins de 18 ans", "Under 18",
    /// 18 to 24.
    From18To24 = "FROM_18_TO_24", "18 à 24 ans", "18 to 24",
    /// 25 to 29.
    From25To29 = "FROM_25_TO_29", "25 à 29 ans", "25 to 29",
    /// 30 to 35.
    From30To35 = "FROM_30_TO_35", "30 à 35 ans", "30 to 35",
    /// Over 35.
    Over35 = "OVER_35", "Plus de 35 ans", "Over 35",
    /// Birth year not recorded.
    Unknown = "UNKNOWN", "Âge non précisé", "Age not recorded",
);

named_enum!(
    /// Composition of a project team ("groupe promoteur"), from its members' genders.
    TeamComposition, "team composition":
    /// Only women ("une femme ou des femmes").
    Women = "WOMEN", "Femmes seulement", "Women only",
    /// Only men ("un homme ou des hommes").
    Men = "MEN", "Hommes seulement", "Men only",
    /// At least two different genders ("femmes et hommes").
    Mixed = "MIXED", "Femmes et hommes (mixte)", "Mixed",
    /// Only non-binary people.
    NonBinary = "NON_BINARY", "Personnes non binaires seulement", "Non-binary people only",
    /// No member recorded, or a member whose gender is not recorded or undisclosed.
    Unknown = "UNKNOWN", "Composition inconnue", "Unknown composition",
);

named_enum!(
    /// What kind of institution a partner is.
    PartnerKind, "partner kind":
    /// A college (cégep).
    College = "COLLEGE", "Cégep", "College (cégep)",
    /// A university.
    University = "UNIVERSITY", "Université", "University",
    /// An economic-development corporation.
    EconomicDevelopment = "ECONOMIC_DEVELOPMENT", "Développement économique", "Economic development",
    /// A youth employment centre (CJE).
    YouthEmployment = "YOUTH_EMPLOYMENT", "Carrefour jeunesse-emploi", "Youth employment centre",
    /// A funder.
    Funder = "FUNDER", "Bailleur de fonds", "Funder",
    /// A network (Chantier de l'économie sociale, RISQ).
    Network = "NETWORK", "Réseau", "Network",
    /// An incubator, such as another region's SISMIC (its projects count as referrals).
    Incubator = "INCUBATOR", "Incubateur", "Incubator",
    /// Anything else.
    Other = "OTHER", "Autre", "Other",
);

named_enum!(
    /// How a follow-up took place.
    FollowUpMode, "follow-up mode":
    /// Face to face.
    InPerson = "IN_PERSON", "En personne", "In person",
    /// Video call.
    Virtual = "VIRTUAL", "Virtuel", "Virtual",
    /// Telephone.
    Phone = "PHONE", "Téléphone", "Phone",
    /// Email exchange.
    Email = "EMAIL", "Courriel", "Email",
);

named_enum!(
    /// Legal form of a collective enterprise.
    LegalForm, "legal form":
    /// Co-operative (coopérative).
    Cooperative = "COOPERATIVE", "Coopérative", "Cooperative",
    /// Non-profit organisation (OBNL).
    Nonprofit = "NONPROFIT", "Organisme à but non lucratif (OBNL)", "Nonprofit organization",
);

named_enum!(
    /// What a participant consents to their personal information being used for (Law 25).
    ConsentPurpose, "consent purpose":
    /// Running the pathway with them: coaching, activities, follow-ups.
    ProgramDelivery = "PROGRAM_DELIVERY", "Participer au parcours : accompagnement, activités, suivis",
        "Taking part in the pathway: coaching, activities, follow-ups",
    /// Being counted, anonymously, in reports to funders.
    Reporting = "REPORTING", "Être comptée ou compté, anonymement, dans les rapports aux bailleurs de fonds",
        "Being counted, anonymously, in reports to funders",
    /// Receiving news and invitations.
    Communications = "COMMUNICATIONS", "Recevoir des nouvelles et des invitations",
        "Receiving news and invitations",
    /// Appearing in photos and promotional material.
    Photos = "PHOTOS", "Apparaître sur des photos et du matériel promotionnel",
        "Appearing in photos and promotional material",
);

impl ConsentPurpose {
    /// Purposes as stored: sorted by name and without repeats, so that the same consent given
    /// twice in another order is recognised as the same (and is written the same way).
    pub fn normalised(mut purposes: Vec<ConsentPurpose>) -> Vec<ConsentPurpose> {
        purposes.sort_by_key(|p| p.as_str());
        purposes.dedup();
        purposes
    }

    /// The names of purposes, in their order (for `text[]` columns and JSON documents).
    pub fn names(purposes: &[ConsentPurpose]) -> Vec<&'static str> {
        purposes.iter().map(|p| p.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Copy + PartialEq + std::fmt::Debug + std::str::FromStr>(all: &[T], name: fn(T) -> &'static str) {
        for value in all {
            assert_eq!(name(*value).parse::<T>().ok(), Some(*value));
        }
    }

    #[test]
    fn every_name_round_trips() {
        round_trips(&Stage::ALL, Stage::as_str);
        round_trips(&ProjectStatus::ALL, ProjectStatus::as_str);
        round_trips(&Role::ALL, Role::as_str);
        round_trips(&Sector::ALL, Sector::as_str);
        round_trips(&Gender::ALL, Gender::as_str);
        round_trips(&AgeBand::ALL, AgeBand::as_str);
        round_trips(&TeamComposition::ALL, TeamComposition::as_str);
        round_trips(&PartnerKind::ALL, PartnerKind::as_str);
        round_trips(&FollowUpMode::ALL, FollowUpMode::as_str);
        round_trips(&LegalForm::ALL, LegalForm::as_str);
        round_trips(&ConsentPurpose::ALL, ConsentPurpose::as_str);
        assert_eq!("referred_out".parse::<ProjectStatus>(), Err(UnknownName::new("project status", "referred_out")));
    }

    #[test]
    fn labels_follow_the_exports() {
        assert_eq!(ProjectStatus::ReferredOut.label(Language::French), "Dirigé vers une autre région");
        assert_eq!(ProjectStatus::ReferredOut.label(Language::English), "Referred to another region");
        assert_eq!(Stage::Revelation.label_fr(), "Révélation");
        assert_eq!(Gender::Woman.label_fr(), "Femmes");
    }

    #[test]
    fn purposes_are_stored_sorted_by_name_without_repeats() {
        use ConsentPurpose::*;
        assert_eq!(
            ConsentPurpose::normalised(vec![Reporting, Photos, ProgramDelivery, Photos]),
            [Photos, ProgramDelivery, Reporting]
        );
    }
}
