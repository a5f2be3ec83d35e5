//! One-time passwords an administrator sets (`resetUserPassword`): random, long, and easy to
//! read out over the phone.

use argon2::password_hash::rand_core::OsRng;

/// How long a one-time password set by an administrator is accepted.
pub const ONE_TIME_PASSWORD_DAYS: i64 = 7;

/// The letters of a one-time password: lower-case letters and digits, without those read
/// alike (0 and o, 1, l and i).
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A one-time password from random bytes: 20 characters of [`ONE_TIME_ALPHABET`] (31
/// letters: about 99 bits) in groups of 5 joined by dashes, easy to read out over the phone.
/// Bytes that would bias the draw are skipped (rejection sampling); `None` when they run out.
pub fn one_time_password_from(bytes: &[u8]) -> Option<String> {
    let n = ONE_TIME_ALPHABET.len();
    // The largest multiple of 31 that fits a byte: above it, a byte would favour the first letters.
    let limit = (256 / n * n) as u8;
    let mut letters = bytes.iter().filter(|b| **b < limit).map(|b| ONE_TIME_ALPHABET[*b as usize % n] as char);
    let mut out = String::with_capacity(23);
    for group in 0..4 {
        if group > 0 {
            out.push('-');
        }
        for _ in 0..5 {
            out.push(letters.next()?);
        }
    }
    Some(out)
}

/// A new random one-time password (operating system randomness).
pub fn one_time_password() -> String {
    use argon2::password_hash::rand_core::RngCore;
    loop {
        let mut bytes = [0u8; 64];
        OsRng.fill_bytes(&mut bytes);
        // 64 bytes hold 20 usable ones but for odds below 1e-20; draw again then.
        if let Some(password) = one_time_password_from(&bytes) {
            return password;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn one_time_passwords_are_long_random_and_readable() {
        let a = one_time_password();
        let b = one_time_password();
        assert_ne!(a, b);
        assert_eq!(a.len(), 23);
        assert_eq!(a.split('-').map(str::len).collect::<Vec<_>>(), vec![5, 5, 5, 5]);
        assert!(a.chars().all(|c| c == '-' || ONE_TIME_ALPHABET.contains(&(c as u8))), "{a}");
        assert!(a.chars().count() >= sismic_domain::validation::MIN_PASSWORD);
        // Bytes at or above 248 (8 × 31) are skipped, so that every letter is as likely.
        let bytes: Vec<u8> = std::iter::repeat_n([255u8, 0, 31, 30], 10).flatten().collect();
        assert_eq!(one_time_password_from(&bytes).as_deref(), Some("aa9aa-9aa9a-a9aa9-aa9aa"));
        assert_eq!(one_time_password_from(&[250; 64]), None);
        // Every letter comes out about equally often.
        let mut counts = [0usize; 31];
        for _ in 0..200 {
            for c in one_time_password().chars().filter(|c| *c != '-') {
                counts[ONE_TIME_ALPHABET.iter().position(|x| *x as char == c).unwrap()] += 1;
            }
        }
        assert!(counts.iter().all(|n| *n > 60 && *n < 200), "{counts:?}");
    }
}
