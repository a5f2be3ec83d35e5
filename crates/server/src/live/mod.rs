//! Live updates: GraphQL subscriptions over WebSocket at `GET /graphql` (an upgrade request),
//! with the graphql-transport-ws protocol, the one of the `graphql-ws` library
//! (<https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md>).
//!
//! The protocol is implemented here rather than with async-graphql's own WebSocket transport,
//! which answers with other close codes than the protocol's (1011 for a subscription before
//! the acknowledgement instead of 4401, 1002 for a refused `connection_init` or a bad message
//! instead of 4403/4400), has no initialisation timeout (4408) nor duplicate-id check (4409),
//! and gives no way to close a connection from the server, which a revoked session needs.
//!
//! - The upgrade request must come from this server's own origin when it carries an `Origin`
//!   (a browser always sends one): otherwise 403, before any WebSocket exists. Browsers cannot
//!   add the `X-Sismic-Request` header to a WebSocket handshake, so the origin check stands in
//!   for it (the cookie is SameSite=Strict as well).
//! - Authentication happens in `connection_init`: its payload's `authorization`
//!   (`"Bearer <token>"`), else the session cookie of the upgrade request. No valid session:
//!   close 4401. PostgreSQL unreachable: close 1013 (try again later).
//! - The connection is closed with 4401 when its session ends: the token expires, or the
//!   account signs out everywhere, changes its password or is deactivated (heard from the
//!   database at once, on every replica).
//! - When events may have been missed (the process's listener lost the database, or a
//!   subscriber fell too far behind), the connection is closed with 1013: the client reconnects
//!   and reads again. A client that stays connected has missed nothing.
//! - Only subscriptions travel here: queries and mutations are for `POST /graphql` (an `error`
//!   message says so).
//! - Limits: connections at once per process (`SISMIC_LIVE_MAX_CONNECTIONS`, then 503),
//!   subscriptions per connection and per user (an `error` message with `RATE_LIMITED`).

use crate::AppState;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, BoxStream, StreamExt};
use serde::Deserialize;
use serde_json::{json, Value};
use sismic_graphql::auth::{authenticate, Authentication, Viewer};
use sismic_store::events::{Event, Signal};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, watch, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tokio_stream::StreamMap;
use uuid::Uuid;

/// The subprotocol of graphql-ws.
pub const PROTOCOL: &str = "graphql-transport-ws";

/// How long a client has to send `connection_init` after the upgrade (graphql-ws's default).
pub const INIT_TIMEOUT: Duration = Duration::from_secs(3);

/// How long `connection_init` waits for the process's listener to be listening.
pub const LISTEN_TIMEOUT: Duration = Duration::from_secs(3);

/// Every this often the server pings an idle connection; one that has sent nothing (not even
/// a pong) for [`KEEPALIVE_DEAD`] is dropped.
pub const KEEPALIVE: Duration = Duration::from_secs(30);

/// See [`KEEPALIVE`].
pub const KEEPALIVE_DEAD: Duration = Duration::from_secs(75);

/// The close codes used (graphql-transport-ws's, and the WebSocket ones it leaves to retry).
pub mod close;

/// The limits of live updates (see the README's Operating table).
#[derive(Debug, Clone, Copy)]
pub struct LiveLimits {
    /// WebSocket connections open at once in this process.
    pub max_connections: usize,
    /// Subscriptions running at once on one connection.
    pub per_connection: usize,
    /// Subscriptions running at once for one user, over all their connections to this process.
    pub per_user: usize,
    /// Largest message a client may send.
    pub max_message_bytes: usize,
    /// Deadline of the database work of `connection_init`.
    pub init_deadline: Duration,
}

/// The live connections of the process: their count, the subscriptions per user, and the
/// shutdown signal.
#[derive(Debug)]
pub struct LiveHub {
    limits: LiveLimits,
    connections: Arc<Semaphore>,
    users: Mutex<HashMap<Uuid, usize>>,
    subscriptions: AtomicUsize,
    shutdown: watch::Sender<bool>,
}

impl LiveHub {
    /// A hub with these limits.
    pub fn new(limits: LiveLimits) -> Arc<Self> {
        Arc::new(LiveHub {
            limits,
            connections: Arc::new(Semaphore::new(limits.max_connections.max(1))),
            users: Mutex::new(HashMap::new()),
            subscriptions: AtomicUsize::new(0),
            shutdown: watch::channel(false).0,
        })
    }

    /// WebSocket connections open now.
    pub fn open_connections(&self) -> usize {
        self.limits.max_connections.max(1) - self.connections.available_permits()
    }

    /// Subscriptions running now.
    pub fn open_subscriptions(&self) -> usize {
        self.subscriptions.load(Ordering::Relaxed)
    }

    /// Closes every connection (1001) and refuses new ones: the server is stopping.
    pub fn shut_down(&self) {
        self.shutdown.send_replace(true);
    }

    /// A subscription slot for `user`, unless they hold [`LiveLimits::per_user`] already.
    fn take_slot(self: &Arc<Self>, user: Uuid) -> Option<Slot> {
        let mut users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        let held = users.entry(user).or_default();
        if *held >= self.limits.per_user {
            return None;
        }
        *held += 1;
        self.subscriptions.fetch_add(1, Ordering::Relaxed);
        Some(Slot { hub: self.clone(), user })
    }
}

/// One running subscription, counted for its user until dropped (the operation completed, was
/// stopped, or its connection closed).
struct Slot {
    hub: Arc<LiveHub>,
    user: Uuid,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut users = self.hub.users.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = users.get_mut(&self.user) {
            *held -= 1;
            if *held == 0 {
                users.remove(&self.user);
            }
        }
        self.hub.subscriptions.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Answers an upgrade request of `GET /graphql`.
pub fn upgrade(state: AppState, headers: &HeaderMap, ws: WebSocketUpgrade) -> Response {
    if let Some(refusal) = crate::session::origin_refusal(headers) {
        return refused(StatusCode::FORBIDDEN, "FORBIDDEN", refusal);
    }
    let hub = state.live.clone();
    if *hub.shutdown.borrow() {
        return refused(StatusCode::SERVICE_UNAVAILABLE, "UNAVAILABLE", "the server is shutting down");
    }
    let Ok(permit) = hub.connections.clone().try_acquire_owned() else {
        tracing::warn!(
            limit = hub.limits.max_connections,
            "live updates: connection refused, the server holds its most"
        );
        return refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "UNAVAILABLE",
            "the server holds as many live connections as it may (SISMIC_LIVE_MAX_CONNECTIONS): retry later",
        );
    };
    let cookie = crate::session::cookie_token(headers);
    // `sismic_websocket_connections` counts the connection while it is open (the schema's
    // metrics extension counts the subscriptions themselves).
    let counted = state.services.metrics.websocket_connection_opened();
    ws.protocols([PROTOCOL]).max_message_size(hub.limits.max_message_bytes).on_upgrade(move |socket| async move {
        let _counted = counted;
        Connection::new(state, socket, cookie, permit).run().await
    })
}

fn refused(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, axum::Json(body)).into_response()
}

/// A message from the client.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    ConnectionInit {
        #[serde(default)]
        payload: Option<Value>,
    },
    Ping {
        #[serde(default)]
        payload: Option<Value>,
    },
    Pong {
        #[allow(dead_code)]
        #[serde(default)]
        payload: Option<Value>,
    },
    Subscribe {
        id: String,
        payload: SubscribePayload,
    },
    Complete {
        id: String,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubscribePayload {
    query: String,
    #[serde(default)]
    variables: Option<Value>,
    #[serde(default)]
    operation_name: Option<String>,
}

/// Who a connection acts for, once acknowledged.
struct Session {
    viewer: Viewer,
    /// The `Authorization` value it signed in with (checked again on a revocation event).
    authorization: String,
    expires_at: Instant,
    control: broadcast::Receiver<Signal>,
}

/// What to do after handling one thing.
enum Step {
    Continue,
    Send(Value),
    Close(u16, String),
    /// The client went away (or died).
    End,
}

/// One operation's responses, then `None` when it completes.
type Operation = BoxStream<'static, Option<async_graphql::Response>>;

struct Connection {
    state: AppState,
    socket: WebSocket,
    cookie: Option<String>,
    _permit: OwnedSemaphorePermit,
    session: Option<Session>,
    initialising: bool,
    operations: StreamMap<String, Operation>,
    last_seen: Instant,
}

impl Connection {
    fn new(state: AppState, socket: WebSocket, cookie: Option<String>, permit: OwnedSemaphorePermit) -> Self {
        Connection {
            state,
            socket,
            cookie,
            _permit: permit,
            session: None,
            initialising: false,
            operations: StreamMap::new(),
            last_seen: Instant::now(),
        }
    }

    async fn run(mut self) {
        let hub = self.state.live.clone();
        let (code, reason) = if self.socket.protocol().is_none_or(|p| p != PROTOCOL) {
            (close::SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable".to_owned())
        } else {
            match self.serve(&hub).await {
                Some(close) => close,
                None => return,
            }
        };
        // The code only: a reason may quote what the client sent (an operation id).
        tracing::info!(code, "live updates: connection closed");
        let frame = CloseFrame { code, reason: truncate(&reason).into() };
        let _ = self.socket.send(Message::Close(Some(frame))).await;
    }

    /// Serves the connection until it must close (with that code and reason) or ends.
    async fn serve(&mut self, hub: &Arc<LiveHub>) -> Option<(u16, String)> {
        let mut shutdown = hub.shutdown.subscribe();
        let init_deadline = Instant::now() + INIT_TIMEOUT;
        let far = Instant::now() + Duration::from_secs(60 * 60 * 24 * 365);
        let mut keepalive = tokio::time::interval_at(Instant::now() + KEEPALIVE, KEEPALIVE);
        loop {
            let expires_at = self.session.as_ref().map_or(far, |s| s.expires_at);
            let awaiting_init = self.session.is_none();
            let step = tokio::select! {
                message = self.socket.recv() => match message {
                    Some(Ok(message)) => {
                        self.last_seen = Instant::now();
                        self.on_message(message, hub).await
                    }
                    Some(Err(_)) | None => Step::End,
                },
                Some((id, response)) = self.operations.next(), if !self.operations.is_empty() => {
                    self.on_response(id, response)
                }
                signal = next_signal(&mut self.session), if self.session.is_some() => self.on_signal(signal).await,
                () = tokio::time::sleep_until(init_deadline), if awaiting_init => {
                    Step::Close(close::INIT_TIMEOUT, "Connection initialisation timeout".to_owned())
                }
                () = tokio::time::sleep_until(expires_at), if !awaiting_init => {
                    Step::Close(close::UNAUTHORIZED, "the session expired: sign in again".to_owned())
                }
                () = async { let _ = shutdown.wait_for(|stopping| *stopping).await; } => {
                    Step::Close(close::GOING_AWAY, "the server is shutting down: reconnect".to_owned())
                }
                _ = keepalive.tick() => {
                    if self.last_seen.elapsed() > KEEPALIVE_DEAD {
                        Step::End
                    } else {
                        match self.socket.send(Message::Ping(Default::default())).await {
                            Ok(()) => Step::Continue,
                            Err(_) => Step::End,
                        }
                    }
                }
            };
            match step {
                Step::Continue => {}
                Step::Send(message) => {
                    if self.socket.send(Message::Text(message.to_string().into())).await.is_err() {
                        return None;
                    }
                }
                Step::Close(code, reason) => return Some((code, reason)),
                Step::End => return None,
            }
        }
    }

    async fn on_message(&mut self, message: Message, hub: &Arc<LiveHub>) -> Step {
        let text = match message {
            Message::Text(text) => text,
            Message::Binary(_) => return Step::Close(close::BAD_REQUEST, "Invalid message received".to_owned()),
            Message::Ping(_) | Message::Pong(_) => return Step::Continue,
            Message::Close(_) => return Step::End,
        };
        let Ok(message) = serde_json::from_str::<ClientMessage>(text.as_str()) else {
            return Step::Close(close::BAD_REQUEST, "Invalid message received".to_owned());
        };
        match message {
            ClientMessage::ConnectionInit { payload } => self.on_init(payload).await,
            ClientMessage::Ping { payload } => match payload {
                Some(payload) => Step::Send(json!({ "type": "pong", "payload": payload })),
                None => Step::Send(json!({ "type": "pong" })),
            },
            ClientMessage::Pong { .. } => Step::Continue,
            ClientMessage::Subscribe { id, payload } => self.on_subscribe(id, payload, hub),
            ClientMessage::Complete { id } => {
                // Dropping the operation stops it and frees its slot; the client expects no answer.
                self.operations.remove(&id);
                Step::Continue
            }
        }
    }

    async fn on_init(&mut self, payload: Option<Value>) -> Step {
        if self.initialising {
            return Step::Close(close::TOO_MANY_INITIALISATION_REQUESTS, "Too many initialisation requests".to_owned());
        }
        self.initialising = true;
        let given = payload.as_ref().and_then(|p| p.get("authorization").or_else(|| p.get("Authorization")));
        let authorization = match (given, &self.cookie) {
            (Some(Value::String(value)), _) => value.trim().to_owned(),
            (Some(_), _) => {
                return Step::Close(close::BAD_REQUEST, "connection_init: authorization must be a string".to_owned())
            }
            (None, Some(cookie)) => format!("Bearer {cookie}"),
            (None, None) => {
                return Step::Close(
                    close::UNAUTHORIZED,
                    "sign in first: send {\"authorization\": \"Bearer <token>\"} in connection_init".to_owned(),
                )
            }
        };
        let Some(token) = authorization.strip_prefix("Bearer ").map(str::trim) else {
            return Step::Close(close::UNAUTHORIZED, "the authorization must be \"Bearer <token>\"".to_owned());
        };
        let Ok((_, expires_at)) = self.state.keys.verify_until(token) else {
            return Step::Close(close::UNAUTHORIZED, "the token is invalid or expired: sign in again".to_owned());
        };
        // Listen first, then check the session: a revocation committed after the check is
        // heard; and acknowledge only a connection that will miss no event.
        let events = self.state.api.events().clone();
        let control = events.subscribe();
        if !events.wait_live(LISTEN_TIMEOUT).await {
            return Step::Close(close::TRY_AGAIN_LATER, "live updates are unavailable: retry later".to_owned());
        }
        let store = self.state.store.with_deadline(Instant::now() + self.state.live.limits.init_deadline);
        let viewer = match authenticate(&store, &self.state.keys, Some(&authorization)).await {
            Authentication::Verified(viewer) => viewer,
            Authentication::Unverifiable => {
                return Step::Close(
                    close::TRY_AGAIN_LATER,
                    "the service is temporarily unavailable: retry later".to_owned(),
                )
            }
            Authentication::Anonymous | Authentication::Invalid => {
                return Step::Close(close::UNAUTHORIZED, "the session was revoked: sign in again".to_owned())
            }
            // Signed in with a one-time password: nothing but changing it until then.
            Authentication::PasswordChangeRequired(_) => {
                return Step::Close(close::FORBIDDEN, "change your password first".to_owned())
            }
        };
        let left = (expires_at - chrono::Utc::now()).to_std().unwrap_or_default();
        tracing::info!(role = viewer.role.as_str(), "live updates: connection acknowledged");
        self.session = Some(Session { viewer, authorization, expires_at: Instant::now() + left, control });
        Step::Send(json!({ "type": "connection_ack" }))
    }

    fn on_subscribe(&mut self, id: String, payload: SubscribePayload, hub: &Arc<LiveHub>) -> Step {
        let Some(session) = &self.session else {
            return Step::Close(close::UNAUTHORIZED, "Unauthorized".to_owned());
        };
        if self.operations.contains_key(&id) {
            return Step::Close(
                close::SUBSCRIBER_ALREADY_EXISTS,
                format!("Subscriber for {} already exists", truncate(&id)),
            );
        }
        if is_query_or_mutation(&payload.query, payload.operation_name.as_deref()) {
            return error(
                &id,
                "BAD_USER_INPUT",
                "only subscriptions travel over WebSocket: send queries and mutations with POST /graphql",
            );
        }
        let limits = hub.limits;
        if self.operations.len() >= limits.per_connection {
            return error(
                &id,
                "RATE_LIMITED",
                &format!(
                    "at most {} subscriptions on one connection (SISMIC_LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION)",
                    limits.per_connection
                ),
            );
        }
        let Some(slot) = hub.take_slot(session.viewer.user_id) else {
            return error(
                &id,
                "RATE_LIMITED",
                &format!(
                    "at most {} subscriptions for one user at once (SISMIC_LIVE_MAX_SUBSCRIPTIONS_PER_USER)",
                    limits.per_user
                ),
            );
        };
        let mut request = async_graphql::Request::new(payload.query);
        if let Some(variables) = payload.variables {
            request = request.variables(async_graphql::Variables::from_json(variables));
        }
        request.operation_name = payload.operation_name;
        let responses = self.state.api.subscribe(session.viewer, request);
        // The slot lives as long as the operation's stream.
        let operation = responses
            .map(move |response| {
                let _held = &slot;
                Some(response)
            })
            .chain(stream::once(async { None }))
            .boxed();
        self.operations.insert(id, operation);
        Step::Continue
    }

    fn on_response(&mut self, id: String, response: Option<async_graphql::Response>) -> Step {
        let Some(response) = response else {
            return Step::Send(json!({ "type": "complete", "id": id }));
        };
        let codes: Vec<&str> = response
            .errors
            .iter()
            .filter_map(|e| e.extensions.as_ref().and_then(|x| x.get("code")))
            .filter_map(|c| match c {
                async_graphql::Value::String(c) => Some(c.as_str()),
                _ => None,
            })
            .collect();
        if codes.contains(&"UNAUTHENTICATED") {
            return Step::Close(close::UNAUTHORIZED, "the session was revoked: sign in again".to_owned());
        }
        if codes.contains(&"UNAVAILABLE") {
            return Step::Close(
                close::TRY_AGAIN_LATER,
                "live updates were interrupted, events may have been missed: reconnect and read again".to_owned(),
            );
        }
        // Refused as a whole (validation, limits, a role or an argument the subscription
        // refuses): an `error` message ends the operation. Errors deeper in an event's
        // selection are part of that event (`next`).
        let refused = response.data == async_graphql::Value::Null
            && !response.errors.is_empty()
            && response.errors.iter().all(|e| e.path.len() <= 1);
        if refused {
            self.operations.remove(&id);
            let errors = serde_json::to_value(&response.errors).unwrap_or_default();
            return Step::Send(json!({ "type": "error", "id": id, "payload": errors }));
        }
        match serde_json::to_value(&response) {
            Ok(payload) => Step::Send(json!({ "type": "next", "id": id, "payload": payload })),
            Err(error) => {
                tracing::error!(%error, "live updates: cannot serialise a response");
                Step::Continue
            }
        }
    }

    async fn on_signal(&mut self, signal: Result<Signal, RecvError>) -> Step {
        let Some(session) = &self.session else { return Step::Continue };
        let recheck = match signal {
            Ok(Signal::Event(Event::User { id })) => id == session.viewer.user_id,
            Ok(Signal::Event(_)) | Err(RecvError::Closed) => false,
            // A revocation may be among the events missed.
            Err(RecvError::Lagged(_)) => true,
            Ok(Signal::Interrupted) => {
                return Step::Close(
                    close::TRY_AGAIN_LATER,
                    "live updates were interrupted, events may have been missed: reconnect and read again".to_owned(),
                )
            }
        };
        if !recheck {
            return Step::Continue;
        }
        let store = self.state.store.with_deadline(Instant::now() + self.state.live.limits.init_deadline);
        match authenticate(&store, &self.state.keys, Some(&session.authorization)).await {
            Authentication::Verified(_) => Step::Continue,
            Authentication::Unverifiable => {
                Step::Close(close::TRY_AGAIN_LATER, "the service is temporarily unavailable: retry later".to_owned())
            }
            Authentication::Anonymous | Authentication::Invalid => {
                Step::Close(close::UNAUTHORIZED, "the session was revoked: sign in again".to_owned())
            }
            Authentication::PasswordChangeRequired(_) => {
                Step::Close(close::FORBIDDEN, "change your password first".to_owned())
            }
        }
    }
}

/// The next signal of the session's control receiver (pending forever without a session).
async fn next_signal(session: &mut Option<Session>) -> Result<Signal, RecvError> {
    match session {
        Some(session) => session.control.recv().await,
        None => std::future::pending().await,
    }
}

/// An `error` message for one operation.
fn error(id: &str, code: &str, message: &str) -> Step {
    Step::Send(
        json!({ "type": "error", "id": id, "payload": [{ "message": message, "extensions": { "code": code } }] }),
    )
}

/// Whether the document's operation (the named one, or the only one) is a query or a mutation.
/// A document that does not parse, or names no operation it has, is left to the executor,
/// which reports it.
fn is_query_or_mutation(query: &str, operation_name: Option<&str>) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let Ok(document) = async_graphql::parser::parse_query(query) else { return false };
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(operation), _) => Some(&operation.node),
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name).map(|o| &o.node),
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next().map(|o| &o.node)
        }
        (DocumentOperations::Multiple(_), None) => None,
    };
    operation.is_some_and(|o| o.ty != OperationType::Subscription)
}

/// A close reason fits in 123 bytes.
fn truncate(reason: &str) -> String {
    let mut out = String::new();
    for c in reason.chars() {
        if out.len() + c.len_utf8() > 123 {
            break;
        }
        out.push(c);
    }
    out
}
#[cfg(test)]
mod tests;
