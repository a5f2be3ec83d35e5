//! `sismic`: serve the API, migrate the database, print the schema, manage accounts, import
//! spreadsheets, load the demo dataset.

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand, ValueEnum};
use sismic_graphql::auth::hash_password;
use sismic_server::config::{ExposeSecret as _, Secret, Settings};
use sismic_server::{demo, telemetry, Application};
use sismic_store::{regions, users, Scope, Store};
use std::io::BufRead;

/// SISMIC Tracker: the incubator of youth collective enterprises, as a GraphQL API.
#[derive(Parser)]
#[command(name = "sismic", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up, so the size of its largest variant (the settings) does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve the GraphQL API.
    Serve {
        #[command(flatten)]
        settings: Settings,
        /// Apply pending migrations before serving.
        #[arg(long)]
        migrate: bool,
    },
    /// Apply pending database migrations.
    Migrate {
        /// PostgreSQL connection string.
        #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
        database_url: Secret,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Law 25 tooling.
    Privacy {
        #[command(subcommand)]
        command: PrivacyCommand,
    },
    /// Import an agent's spreadsheets (projects, participants with consent, activities and
    /// attendance, follow-ups): CSV files or a workbook, see docs/import.md. Everything is
    /// written in one transaction, or nothing when any row has a problem; `--dry-run` only
    /// checks. Exits 1 when a problem or a likely duplicate is left.
    Import {
        /// PostgreSQL connection string.
        #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
        database_url: Secret,
        /// The importing user's sign-in email (an AGENT, or an ADMIN with --region): every row
        /// is written as theirs, under their region's rules.
        #[arg(long = "as", value_name = "EMAIL")]
        as_email: String,
        /// Code of the region imported into (required for an ADMIN; an agent's own by default).
        #[arg(long)]
        region: Option<String>,
        /// Check only: report what would be created and every problem, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Days an idempotency key is kept.
        #[arg(long, env = "SISMIC_IDEMPOTENCY_RETENTION_DAYS",
              default_value_t = sismic_server::config::defaults::IDEMPOTENCY_RETENTION_DAYS,
              value_parser = clap::value_parser!(u32).range(1..=3650))]
        retention_days: u32,
        /// The files: CSV (one per kind of row) or a workbook (.xlsx, .ods).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<std::path::PathBuf>,
    },
    /// Load the demo dataset (Centre-du-Québec, 2020-2021; invented names). Does nothing if
    /// it is already loaded.
    Demo {
        /// PostgreSQL connection string.
        #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
        database_url: Secret,
    },
}

#[derive(Subcommand)]
enum PrivacyCommand {
    /// Anonymise every participant with no sign of activity (registration, update,
    /// attendance, team membership) since DATE: identity gone, report counts unchanged.
    Purge {
        /// PostgreSQL connection string.
        #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
        database_url: Secret,
        /// Cut-off date, YYYY-MM-DD.
        #[arg(long)]
        inactive_since: chrono::NaiveDate,
        /// List how many would be anonymised, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Delete the idempotency keys older than the retention period (`sismic serve` also does it
    /// every hour). Expired keys are never replayed; this frees them for good.
    PurgeKeys {
        /// PostgreSQL connection string.
        #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
        database_url: Secret,
        /// Days a key is kept.
        #[arg(long, env = "SISMIC_IDEMPOTENCY_RETENTION_DAYS",
              default_value_t = sismic_server::config::defaults::IDEMPOTENCY_RETENTION_DAYS,
              value_parser = clap::value_parser!(u32).range(1..=3650))]
        retention_days: u32,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input (one line).
    Add {
        /// PostgreSQL connection string.
        #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
        database_url: Secret,
        /// Sign-in email.
        #[arg(long)]
        email: String,
        /// Role.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Region code, for an AGENT.
        #[arg(long)]
        region: Option<String>,
        /// Partner id (its global id from the API, or its database UUID), for a PARTNER or FUNDER.
        #[arg(long)]
        partner: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "UPPER")]
enum RoleArg {
    Admin,
    Agent,
    Partner,
    Funder,
}

impl From<RoleArg> for sismic_domain::Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => sismic_domain::Role::Admin,
            RoleArg::Agent => sismic_domain::Role::Agent,
            RoleArg::Partner => sismic_domain::Role::Partner,
            RoleArg::Funder => sismic_domain::Role::Funder,
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    match Cli::parse().command {
        Command::Serve { settings, migrate } => {
            let store = Store::connect_lazy(settings.database_url.expose_secret(), &settings.pool())
                .context("invalid DATABASE_URL")?;
            if migrate {
                store.migrate().await.context("cannot apply migrations")?;
            }
            // Expired keys are never replayed; this only keeps the table from growing (cheap:
            // one indexed delete an hour).
            tokio::spawn(sismic_server::maintenance::purge_idempotency_keys_forever(
                store.clone().with_idempotency_retention(settings.idempotency_retention()),
            ));
            let app = Application::build(&settings, store).await?;
            tracing::info!(address = %app.local_addr(), "serving GraphQL on /graphql");
            if let Some(metrics) = app.metrics_addr() {
                tracing::info!(address = %metrics, "serving Prometheus metrics on /metrics");
            }
            let served = app.run_until_stopped().await;
            // The spans still buffered go to the collector before the process ends.
            tokio::task::spawn_blocking(sismic_server::otel::shutdown).await.ok();
            served?;
        }
        Command::Migrate { database_url } => {
            let store = connect(&database_url)?;
            store.migrate().await.context("cannot apply migrations")?;
            println!("migrations applied");
        }
        Command::Schema => print!("{}", sismic_graphql::sdl()),
        Command::User { command: UserCommand::Add { database_url, email, role, region, partner } } => {
            let store = connect(&database_url)?;
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password).context("cannot read the password")?;
            let password = password.trim_end_matches(['\n', '\r']);
            let email = sismic_domain::validation::email("email", &email).map_err(|e| anyhow::anyhow!("{e}"))?;
            sismic_domain::validation::password(password).map_err(|e| anyhow::anyhow!("{e}"))?;
            let hash = hash_password(password).map_err(|_| anyhow::anyhow!("cannot hash the password"))?;
            let mut tx = store.begin(&Scope::System).await?;
            let region_id = match region {
                Some(code) => Some(
                    regions::region_by_code(&mut tx, &code.to_uppercase())
                        .await
                        .with_context(|| format!("no region with code {code}"))?
                        .region_id,
                ),
                None => None,
            };
            let partner = match partner {
                None => None,
                Some(text) => Some(match uuid::Uuid::parse_str(&text) {
                    Ok(id) => id,
                    Err(_) => {
                        sismic_graphql::ids::decode("partner", sismic_graphql::ids::Kind::Partner, &text.clone().into())
                            .map_err(|_| anyhow::anyhow!("--partner: not a partner id"))?
                    }
                }),
            };
            let role: sismic_domain::Role = role.into();
            let user = users::insert_user(
                &mut tx,
                &users::NewUser { email: &email, password_hash: &hash, role, region_id, partner_id: partner },
            )
            .await;
            match user {
                Ok(user) => {
                    sismic_store::commit(tx).await?;
                    println!("created {} {} ({})", role.as_str(), user.email, user.user_id);
                }
                Err(sismic_store::StoreError::Conflict(message)) => bail!("{message}"),
                Err(sismic_store::StoreError::Rejected(message)) => bail!("{message}"),
                Err(sismic_store::StoreError::MissingReference(field)) => bail!("{field}: not found"),
                Err(other) => return Err(other.into()),
            }
        }
        Command::Privacy { command: PrivacyCommand::Purge { database_url, inactive_since, dry_run } } => {
            let store = connect(&database_url)?;
            let count = sismic_server::maintenance::privacy_purge(&store, inactive_since, dry_run).await?;
            if dry_run {
                println!("{count} participant(s) inactive since {inactive_since} would be anonymised (dry run: nothing changed)");
            } else {
                println!("{count} participant(s) inactive since {inactive_since} anonymised");
            }
        }
        Command::Privacy { command: PrivacyCommand::PurgeKeys { database_url, retention_days } } => {
            let store = connect(&database_url)?;
            let retention = chrono::Duration::days(retention_days.into());
            let purged = sismic_server::maintenance::purge_idempotency_keys(&store, retention).await?;
            println!("{purged} idempotency key(s) older than {retention_days} days purged");
        }
        Command::Import { database_url, as_email, region, dry_run, retention_days, files } => {
            let store =
                connect(&database_url)?.with_idempotency_retention(chrono::Duration::days(retention_days.into()));
            let request = sismic_server::import::Request { as_email, region, files, dry_run };
            let (report, text) = sismic_server::import::run(&store, &request).await?;
            print!("{text}");
            if !report.problems.is_empty() || !report.duplicates.is_empty() {
                std::process::exit(1);
            }
        }
        Command::Demo { database_url } => {
            let store = connect(&database_url)?;
            store.migrate().await.context("cannot apply migrations")?;
            demo::load(&store).await?;
        }
    }
    Ok(())
}

fn connect(database_url: &Secret) -> anyhow::Result<Store> {
    Store::connect_lazy(database_url.expose_secret(), &Default::default()).context("invalid DATABASE_URL")
}
