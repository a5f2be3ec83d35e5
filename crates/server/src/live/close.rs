//! The close codes used (graphql-transport-ws's, and the WebSocket ones it leaves to retry).
/// The client sent something that is not a message of the protocol.
pub const BAD_REQUEST: u16 = 4400;
/// No valid session: none given, invalid, expired or revoked; or `subscribe` before the
/// acknowledgement. The `graphql-ws` client does not retry it.
pub const UNAUTHORIZED: u16 = 4401;
/// A valid session that may not subscribe yet: signed in with a one-time password that
/// must be changed first.
pub const FORBIDDEN: u16 = 4403;
/// The client did not ask for `graphql-transport-ws`.
pub const SUBPROTOCOL_NOT_ACCEPTABLE: u16 = 4406;
/// No `connection_init` within [`super::INIT_TIMEOUT`].
pub const INIT_TIMEOUT: u16 = 4408;
/// A `subscribe` with the id of an operation still running.
pub const SUBSCRIBER_ALREADY_EXISTS: u16 = 4409;
/// A second `connection_init`.
pub const TOO_MANY_INITIALISATION_REQUESTS: u16 = 4429;
/// The server is shutting down: reconnect (to another replica).
pub const GOING_AWAY: u16 = 1001;
/// The database cannot be reached, or events may have been missed: reconnect later and read
/// again. The `graphql-ws` client retries it.
pub const TRY_AGAIN_LATER: u16 = 1013;
