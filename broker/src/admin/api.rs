//! The REST admin API, `/api/v1/...` on the HTTP listener, shaped after Event
//! Grid's namespace resources:
//!
//! | path | methods |
//! |---|---|
//! | `/api/v1/{collection}` | `GET` (list as `{"value":[..]}`), `POST` (create; 409 if it exists) |
//! | `/api/v1/{collection}/{name}` | `GET`, `PUT` (create or replace), `DELETE` |
//! | `/api/v1/explain?client=NAME&publish=TOPIC` (or `subscribe=FILTER`) | `GET` |
//!
//! Collections: `clients`, `clientGroups`, `topicSpaces`, `permissionBindings`,
//! `caCertificates`. Bodies are the resources' JSON (camelCase). A client may
//! carry a write-only `password`, stored as an argon2 hash and never returned.
//! Every request needs `Authorization: Bearer <token>`. Errors are JSON
//! `{"error":{"code":..,"message":..,"field":..}}` with a 4xx status, and a
//! refused change changes nothing.

use super::{Admin, AdminError};
use crate::access::password::hash_password_off_runtime;
use crate::routing::ReplayError;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{json, Value};
use tern_access::{
    Action, CaCertificate, Client, ClientGroup, Namespace, NamespaceError, PermissionBinding,
    ResourceKind, TopicSpace,
};

/// Largest request body accepted.
const MAX_BODY: usize = 1024 * 1024;

type Body = Full<Bytes>;

/// An error answer: status, machine code, message, and the field if one is at fault.
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
        }
    }

    fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    fn into_response(self) -> Response<Body> {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(field) = self.field {
            error["field"] = Value::from(field);
        }
        json_response(self.status, &json!({ "error": error }))
    }
}

impl From<AdminError> for ApiError {
    fn from(e: AdminError) -> Self {
        match e {
            AdminError::Namespace(e) => e.into(),
            AdminError::Store(e) => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "StoreFailed",
                e.to_string(),
            ),
        }
    }
}

impl From<NamespaceError> for ApiError {
    fn from(e: NamespaceError) -> Self {
        let message = e.to_string();
        match e {
            NamespaceError::Invalid { field, .. } => {
                ApiError::new(StatusCode::BAD_REQUEST, "InvalidField", message).field(field)
            }
            NamespaceError::NotFound { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "NotFound", message)
            }
            NamespaceError::InUse { .. } => ApiError::new(StatusCode::CONFLICT, "InUse", message),
        }
    }
}

/// A 500 for dead-letter files that could not be read or moved.
fn dead_letter_files_failed(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "DeadLettersUnavailable",
        e.to_string(),
    )
}

fn json_response(status: StatusCode, value: &Value) -> Response<Body> {
    let body = serde_json::to_vec_pretty(value).unwrap_or_default();
    let mut resp = Response::new(Full::new(Bytes::from(body)));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// The resource collections of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collection {
    Clients,
    ClientGroups,
    TopicSpaces,
    PermissionBindings,
    CaCertificates,
    Routes,
}

impl Collection {
    fn from_path(segment: &str) -> Option<Self> {
        Some(match segment {
            "clients" => Self::Clients,
            "clientGroups" => Self::ClientGroups,
            "topicSpaces" => Self::TopicSpaces,
            "permissionBindings" => Self::PermissionBindings,
            "caCertificates" => Self::CaCertificates,
            "routes" => Self::Routes,
            _ => return None,
        })
    }

    fn kind(self) -> ResourceKind {
        match self {
            Self::Clients => ResourceKind::Client,
            Self::ClientGroups => ResourceKind::ClientGroup,
            Self::TopicSpaces => ResourceKind::TopicSpace,
            Self::PermissionBindings => ResourceKind::PermissionBinding,
            Self::CaCertificates => ResourceKind::CaCertificate,
            Self::Routes => ResourceKind::Route,
        }
    }

    /// Every resource of the collection, as JSON.
    fn list(self, ns: &Namespace) -> Vec<Value> {
        fn all<'a, T: serde::Serialize + 'a>(items: impl Iterator<Item = &'a T>) -> Vec<Value> {
            items.filter_map(|i| serde_json::to_value(i).ok()).collect()
        }
        match self {
            Self::Clients => ns.clients().map(client_json).collect(),
            Self::ClientGroups => all(ns.client_groups()),
            Self::TopicSpaces => all(ns.topic_spaces()),
            Self::PermissionBindings => all(ns.permission_bindings()),
            Self::CaCertificates => all(ns.ca_certificates()),
            Self::Routes => all(ns.routes()),
        }
    }

    /// One resource, as JSON.
    fn get(self, ns: &Namespace, name: &str) -> Option<Value> {
        self.list(ns)
            .into_iter()
            .find(|v| v.get("name").and_then(Value::as_str) == Some(name))
    }

    /// Reads a resource of this collection from its JSON.
    fn parse(self, body: Value) -> Result<Resource, ApiError> {
        fn parse<T: serde::de::DeserializeOwned>(body: Value) -> Result<T, ApiError> {
            serde_json::from_value(body)
                .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "InvalidBody", e.to_string()))
        }
        Ok(match self {
            Self::Clients => Resource::Client(parse(body)?),
            Self::ClientGroups => Resource::ClientGroup(parse(body)?),
            Self::TopicSpaces => Resource::TopicSpace(parse(body)?),
            Self::PermissionBindings => Resource::PermissionBinding(parse(body)?),
            Self::CaCertificates => Resource::CaCertificate(parse(body)?),
            Self::Routes => Resource::Route(parse(body)?),
        })
    }
}

/// One resource read from a request body.
enum Resource {
    Client(Client),
    ClientGroup(ClientGroup),
    TopicSpace(TopicSpace),
    PermissionBinding(PermissionBinding),
    CaCertificate(CaCertificate),
    Route(tern_access::Route),
}

impl Resource {
    /// Creates or replaces it in `ns`.
    fn upsert(self, ns: &mut Namespace) -> Result<(), NamespaceError> {
        match self {
            Resource::Client(r) => ns.upsert_client(r),
            Resource::ClientGroup(r) => ns.upsert_client_group(r),
            Resource::TopicSpace(r) => ns.upsert_topic_space(r),
            Resource::PermissionBinding(r) => ns.upsert_permission_binding(r),
            Resource::CaCertificate(r) => ns.upsert_ca_certificate(r),
            Resource::Route(r) => ns.upsert_route(r),
        }
    }
}

/// A client as the API shows it: the password hash is never returned.
fn client_json(client: &Client) -> Value {
    let mut value = serde_json::to_value(client).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        let had_password = object.remove("passwordHash").is_some();
        object.insert("hasPassword".into(), Value::from(had_password));
    }
    value
}

/// Answers one `/api/...` request.
pub async fn handle(admin: &Admin, req: Request<Incoming>) -> Response<Body> {
    match route(admin, req).await {
        Ok(resp) => resp,
        Err(e) => e.into_response(),
    }
}

async fn route(admin: &Admin, req: Request<Incoming>) -> Result<Response<Body>, ApiError> {
    if !admin.api_enabled() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ApiDisabled",
            "the admin API is disabled: set admin.token in the configuration or TERN_ADMIN_TOKEN",
        ));
    }
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !admin.token_matches(token) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            "missing or wrong bearer token (Authorization: Bearer <token>)",
        ));
    }
    let path = req.uri().path().to_owned();
    let segments: Vec<&str> = path
        .trim_start_matches("/api/v1/")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    if !path.starts_with("/api/v1/") {
        return Err(not_found(&path));
    }
    let method = req.method().clone();
    match segments.as_slice() {
        ["explain"] if method == Method::GET => explain(admin, req.uri().query().unwrap_or("")),
        [collection] => {
            let collection = Collection::from_path(collection).ok_or_else(|| not_found(&path))?;
            match method {
                Method::GET => Ok(json_response(
                    StatusCode::OK,
                    &json!({ "value": collection.list(&admin.namespace()) }),
                )),
                Method::POST => {
                    let body = read_json(req).await?;
                    let name = body_name(&body, None)?;
                    if collection.get(&admin.namespace(), &name).is_some() {
                        return Err(ApiError::new(
                            StatusCode::CONFLICT,
                            "AlreadyExists",
                            format!(
                                "{:?} '{name}' already exists (use PUT to replace it)",
                                collection.kind()
                            ),
                        ));
                    }
                    put(admin, collection, &name, body, StatusCode::CREATED).await
                }
                _ => Err(method_not_allowed("GET, POST")),
            }
        }
        [collection, name] => {
            let collection = Collection::from_path(collection).ok_or_else(|| not_found(&path))?;
            let name = crate::percent::decode(name).ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "InvalidPath",
                    "bad percent-encoding in the name",
                )
            })?;
            match method {
                Method::GET => collection
                    .get(&admin.namespace(), &name)
                    .map(|v| json_response(StatusCode::OK, &v))
                    .ok_or_else(|| {
                        NamespaceError::NotFound {
                            kind: collection.kind(),
                            name: name.clone(),
                        }
                        .into()
                    }),
                Method::PUT => {
                    let body = read_json(req).await?;
                    let existed = collection.get(&admin.namespace(), &name).is_some();
                    let status = if existed {
                        StatusCode::OK
                    } else {
                        StatusCode::CREATED
                    };
                    put(admin, collection, &name, body, status).await
                }
                Method::DELETE => {
                    admin
                        .change(|ns| ns.delete(collection.kind(), &name))
                        .await?;
                    let mut resp = Response::new(Full::new(Bytes::new()));
                    *resp.status_mut() = StatusCode::NO_CONTENT;
                    Ok(resp)
                }
                _ => Err(method_not_allowed("GET, PUT, DELETE")),
            }
        }
        ["routes", name, "deadLetters", "replay"] if method == Method::POST => {
            let name = crate::percent::decode(name).unwrap_or_default();
            let replayed = match admin.replay_dead_letters(&name).await {
                Ok(replayed) => replayed,
                Err(ReplayError::NoRoute(_)) => {
                    return Err(NamespaceError::NotFound {
                        kind: ResourceKind::Route,
                        name,
                    }
                    .into())
                }
                Err(e @ ReplayError::Files(_)) => return Err(dead_letter_files_failed(e)),
            };
            Ok(json_response(
                StatusCode::OK,
                &json!({ "replayed": replayed }),
            ))
        }
        ["routes", name, "deadLetters"] if method == Method::GET => {
            let name = crate::percent::decode(name).unwrap_or_default();
            let Some(listed) = admin.dead_letters(&name).await else {
                return Err(NamespaceError::NotFound {
                    kind: ResourceKind::Route,
                    name,
                }
                .into());
            };
            let value = listed.map_err(dead_letter_files_failed)?;
            Ok(json_response(StatusCode::OK, &json!({ "value": value })))
        }
        _ => Err(not_found(&path)),
    }
}

/// Creates or replaces `name` from `body` and answers with the stored resource.
async fn put(
    admin: &Admin,
    collection: Collection,
    name: &str,
    mut body: Value,
    status: StatusCode,
) -> Result<Response<Body>, ApiError> {
    body_name(&body, Some(name))?;
    if let Some(object) = body.as_object_mut() {
        object.insert("name".into(), Value::from(name));
        if collection == Collection::Clients {
            let namespace = admin.namespace();
            let existing = namespace.client(name).and_then(|c| c.password_hash.clone());
            take_password(object, existing).await?;
        }
    }
    let resource = collection.parse(body)?;
    admin.change(|ns| resource.upsert(ns)).await?;
    let stored = collection
        .get(&admin.namespace(), name)
        .unwrap_or(Value::Null);
    Ok(json_response(status, &stored))
}

/// Replaces a write-only `password` by its argon2 `passwordHash`. Without a
/// `password` the existing hash is kept; `"password": null` removes it.
async fn take_password(
    object: &mut serde_json::Map<String, Value>,
    existing: Option<String>,
) -> Result<(), ApiError> {
    if object.contains_key("passwordHash") {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidField",
            "passwordHash cannot be set directly: send 'password'",
        )
        .field("passwordHash"));
    }
    match object.remove("password") {
        None => {
            if let Some(hash) = existing {
                object.insert("passwordHash".into(), Value::from(hash));
            }
            Ok(())
        }
        Some(Value::Null) => Ok(()),
        Some(Value::String(password)) if !password.is_empty() => {
            let hash = hash_password_off_runtime(password)
                .await
                .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "HashFailed", e))?;
            object.insert("passwordHash".into(), Value::from(hash));
            Ok(())
        }
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidField",
            "password must be a non-empty string",
        )
        .field("password")),
    }
}

/// The body's `name`, which must match the path's when both are given.
fn body_name(body: &Value, path_name: Option<&str>) -> Result<String, ApiError> {
    let in_body = body.get("name");
    match (in_body, path_name) {
        (None | Some(Value::Null), Some(p)) => Ok(p.to_owned()),
        (Some(Value::String(b)), Some(p)) if b != p => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidField",
            format!("name '{b}' in the body differs from '{p}' in the path"),
        )
        .field("name")),
        (Some(Value::String(b)), _) => Ok(b.clone()),
        (None | Some(Value::Null), None) => {
            Err(
                ApiError::new(StatusCode::BAD_REQUEST, "InvalidField", "name is required")
                    .field("name"),
            )
        }
        (Some(_), _) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidField",
            "name must be a string",
        )
        .field("name")),
    }
}

async fn read_json(req: Request<Incoming>) -> Result<Value, ApiError> {
    let bytes = Limited::new(req.into_body(), MAX_BODY)
        .collect()
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "InvalidBody",
                format!("reading the body (at most {MAX_BODY} bytes): {e}"),
            )
        })?
        .to_bytes();
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidBody",
            format!("not JSON: {e}"),
        )
    })?;
    if !value.is_object() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidBody",
            "the body must be a JSON object",
        ));
    }
    Ok(value)
}

/// `GET /api/v1/explain?client=NAME&publish=TOPIC|subscribe=FILTER`.
fn explain(admin: &Admin, query: &str) -> Result<Response<Body>, ApiError> {
    let mut client = None;
    let mut action = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = crate::percent::decode(value).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "InvalidQuery",
                "bad percent-encoding",
            )
            .field(key)
        })?;
        match key {
            "client" => client = Some(value),
            "publish" | "subscribe" => action = Some((key.to_owned(), value)),
            other => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "InvalidQuery",
                    format!("unknown parameter '{other}' (use client, publish or subscribe)"),
                )
                .field(other))
            }
        }
    }
    let client = client.ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidQuery",
            "client is required",
        )
        .field("client")
    })?;
    let (verb, topic) = action.ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "InvalidQuery",
            "one of publish or subscribe is required",
        )
        .field("publish")
    })?;
    let namespace = admin.namespace();
    let principal = namespace
        .client(&client)
        .or_else(|| namespace.client_by_authentication_name(&client))
        .map(Client::principal)
        .ok_or_else(|| {
            ApiError::from(NamespaceError::NotFound {
                kind: ResourceKind::Client,
                name: client.clone(),
            })
        })?;
    let action = if verb == "publish" {
        Action::Publish(&topic)
    } else {
        Action::Subscribe(&topic)
    };
    let decision = namespace.authorize(&principal, action);
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "client": client,
            "action": verb,
            "topic": topic,
            "allowed": decision.is_allowed(),
            "explanation": decision.to_string(),
        }),
    ))
}

fn not_found(path: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "NotFound",
        format!("no API route {path} (see /api/v1/clients, clientGroups, topicSpaces, permissionBindings, caCertificates, explain)"),
    )
}

fn method_not_allowed(allowed: &str) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        format!("allowed methods: {allowed}"),
    )
}
