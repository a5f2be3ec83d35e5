//! Validation of what users type. Each check names the field it rejects, so the API can say
//! exactly what is wrong without echoing the value back (it may be personal information).

use chrono::NaiveDate;

/// Longest follow-up summary, in characters (API.md).
pub const MAX_FOLLOW_UP_SUMMARY: usize = 2_000;
/// Longest name (project, cohort, partner, region, activity title, legal name).
pub const MAX_NAME: usize = 200;
/// Longest note on a stage or status change.
pub const MAX_NOTE: usize = 2_000;
/// Longest project summary.
pub const MAX_PROJECT_SUMMARY: usize = 5_000;
/// Longest first or last name of a participant.
pub const MAX_PERSON_NAME: usize = 100;
/// Shortest password accepted for a new account.
pub const MIN_PASSWORD: usize = 10;
/// Longest follow-up duration: a day.
pub const MAX_DURATION_MINUTES: i32 = 1_440;
/// Largest award, in cents (one million dollars).
pub const MAX_AWARD_CENTS: i64 = 100_000_000;

/// An input field that does not satisfy its rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// The input field, as named in the API (`summary`, `durationMinutes`, …).
    pub field: &'static str,
    /// What the rule is, in words a user can act on. Never contains the rejected value.
    pub message: String,
}

impl ValidationError {
    /// A rejection of `field` for the reason `message`.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        ValidationError { field, message: message.into() }
    }
}

/// Trims `value` and requires 1 to `max` characters.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if trimmed.chars().count() > max {
        return Err(ValidationError::new(field, format!("must be at most {max} characters")));
    }
    Ok(trimmed.to_owned())
}

/// Trims `value`; empty or white space becomes `None`; at most `max` characters.
pub fn optional_text(field: &'static str, value: Option<&str>, max: usize) -> Result<Option<String>, ValidationError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => required_text(field, v, max).map(Some),
    }
}

/// A follow-up duration: 1 to 1,440 minutes when given.
pub fn duration_minutes(value: Option<i32>) -> Result<Option<i32>, ValidationError> {
    match value {
        Some(m) if !(1..=MAX_DURATION_MINUTES).contains(&m) => {
            Err(ValidationError::new("durationMinutes", format!("must be between 1 and {MAX_DURATION_MINUTES}")))
        }
        other => Ok(other),
    }
}

/// An award amount: 1 to 100,000,000 cents.
pub fn award_cents(value: i64) -> Result<i64, ValidationError> {
    if (1..=MAX_AWARD_CENTS).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::new("amountCents", format!("must be between 1 and {MAX_AWARD_CENTS}")))
    }
}

/// A date that must not be after `today` (things that happened).
pub fn not_in_future(field: &'static str, date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    if date > today {
        Err(ValidationError::new(field, "must not be in the future"))
    } else {
        Ok(date)
    }
}

/// An email address: trimmed, lowercased, one `@` with text on both sides, no white space.
pub fn email(field: &'static str, value: &str) -> Result<String, ValidationError> {
    let trimmed = value.trim().to_lowercase();
    let valid = trimmed.len() <= 254
        && !trimmed.chars().any(char::is_whitespace)
        && matches!(trimmed.split_once('@'), Some((local, domain))
            if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if valid {
        Ok(trimmed)
    } else {
        Err(ValidationError::new(field, "must be an email address"))
    }
}

/// A region code: 2 to 16 letters, digits or dashes, stored in upper case (`CQ`, `17`).
pub fn region_code(value: &str) -> Result<String, ValidationError> {
    let code = value.trim().to_uppercase();
    let valid = (2..=16).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-');
    if valid {
        Ok(code)
    } else {
        Err(ValidationError::new("code", "must be 2 to 16 letters, digits or dashes"))
    }
}

/// A Quebec enterprise number (NEQ): 10 digits; spaces are ignored.
pub fn neq(value: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(raw) = value.map(|v| v.replace(' ', "")).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if raw.len() == 10 && raw.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(raw))
    } else {
        Err(ValidationError::new("neq", "must be 10 digits"))
    }
}

/// A new password: at least [`MIN_PASSWORD`] characters, at most 1,024.
pub fn password(value: &str) -> Result<&str, ValidationError> {
    let length = value.chars().count();
    if length < MIN_PASSWORD {
        Err(ValidationError::new("password", format!("must be at least {MIN_PASSWORD} characters")))
    } else if length > 1_024 {
        Err(ValidationError::new("password", "must be at most 1024 characters"))
    } else {
        Ok(value)
    }
}

/// An idempotency key: 1 to 255 characters, taken as given (no trimming: it is opaque).
pub fn idempotency_key(value: Option<&str>) -> Result<Option<&str>, ValidationError> {
    match value {
        Some(key) if key.is_empty() || key.chars().count() > 255 => {
            Err(ValidationError::new("idempotencyKey", "must be 1 to 255 characters"))
        }
        other => Ok(other),
    }
}

/// A cohort's dates: the start on or before the end.
pub fn date_range(starts_on: NaiveDate, ends_on: NaiveDate) -> Result<(), ValidationError> {
    if starts_on > ends_on {
        Err(ValidationError::new("endsOn", "must not be before startsOn"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(required_text("name", "  Coop  ", 10).unwrap(), "Coop");
        assert!(required_text("name", " \n ", 10).is_err());
        assert!(required_text("name", "ééééééééééé", 10).is_err());
        assert_eq!(required_text("name", "éééééééééé", 10).unwrap().chars().count(), 10);
        assert_eq!(optional_text("summary", Some("   "), 10).unwrap(), None);
    }

    #[test]
    fn summaries_of_2000_characters_pass_and_2001_fail() {
        let ok = "é".repeat(MAX_FOLLOW_UP_SUMMARY);
        assert!(required_text("summary", &ok, MAX_FOLLOW_UP_SUMMARY).is_ok());
        assert!(required_text("summary", &format!("{ok}x"), MAX_FOLLOW_UP_SUMMARY).is_err());
    }

    #[test]
    fn bounds_of_numbers() {
        assert!(duration_minutes(Some(0)).is_err());
        assert!(duration_minutes(Some(1_441)).is_err());
        assert_eq!(duration_minutes(Some(1_440)).unwrap(), Some(1_440));
        assert_eq!(duration_minutes(None).unwrap(), None);
        assert!(award_cents(0).is_err());
        assert!(award_cents(100_000_001).is_err());
        assert_eq!(award_cents(100_000_000).unwrap(), 100_000_000);
    }

    #[test]
    fn emails_codes_and_neq() {
        assert_eq!(email("email", " Agent@Pole.QC.ca ").unwrap(), "agent@pole.qc.ca");
        assert!(email("email", "no-at-sign").is_err());
        assert!(email("email", "a@b@c").is_err());
        assert!(email("email", "a b@c").is_err());
        assert_eq!(region_code("cq").unwrap(), "CQ");
        assert!(region_code("C").is_err());
        assert!(region_code("C Q").is_err());
        assert_eq!(neq(Some("1234 567 890")).unwrap().as_deref(), Some("1234567890"));
        assert!(neq(Some("123456789")).is_err());
        assert_eq!(neq(Some("  ")).unwrap(), None);
    }

    #[test]
    fn validation_messages_never_echo_the_value() {
        let secret = "marie.tremblay@example.com extra";
        let err = email("email", secret).unwrap_err();
        assert!(!err.to_string().contains("marie"));
    }
}

/// Longest MRC name accepted.
pub const MAX_MRC: usize = 100;
/// Earliest birth year accepted.
pub const MIN_BIRTH_YEAR: i32 = 1900;

/// A birth year: from 1900 to the current year.
pub fn birth_year(value: i32, current_year: i32) -> Result<i16, ValidationError> {
    if !(MIN_BIRTH_YEAR..=current_year).contains(&value) {
        return Err(ValidationError::new("birthYear", format!("must be between {MIN_BIRTH_YEAR} and {current_year}")));
    }
    i16::try_from(value).map_err(|_| ValidationError::new("birthYear", "is out of range"))
}

#[cfg(test)]
mod dimension_tests {
    use super::*;

    #[test]
    fn birth_years_are_plausible() {
        assert_eq!(birth_year(2001, 2026), Ok(2001));
        assert!(birth_year(1899, 2026).is_err());
        assert!(birth_year(2027, 2026).is_err());
    }
}
