//! Limits async-graphql does not have built in, checked on the parsed document before
//! anything else (async-graphql's own depth, directive and validation passes included):
//!
//! - the number of aliases: they let one small document ask for the same expensive field
//!   hundreds of times (`a1: cohortReport(…) a2: cohortReport(…) …`);
//! - the number of selections once fragments are expanded: a chain of fragments each spreading
//!   the previous one twice doubles at every step, and async-graphql's own checks walk that
//!   expansion synchronously, so a 1 KiB document could hold a worker thread for minutes.

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest, NextValidation,
};
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};
use async_graphql::{Request, Response, ServerError, ServerResult, ValidationResult};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Deepest nesting inside an introspection field (`__schema`, `__type`). graphql-js's
/// `getIntrospectionQuery()` reaches 13 below `__schema` (its `TypeRef` fragment follows
/// `ofType` seven times, for types such as `[[Int!]!]!`); anything much deeper is abuse.
pub const MAX_INTROSPECTION_DEPTH: usize = 16;

/// Most introspection fields (`__schema`, `__type`) one document may select, fragments
/// expanded: a tool asks once; thirty aliased copies of the whole schema is a denial of service.
pub const MAX_INTROSPECTION_FIELDS: usize = 4;

/// Most selections a document may expand to (fields, after fragments are spread in). Far above
/// any real query (GraphiQL's introspection query expands to a few hundred).
pub const MAX_EXPANDED_SELECTIONS: usize = 20_000;

/// Refuses documents with more than `max_aliases` aliases (counted over every operation and
/// fragment) or more than [`MAX_EXPANDED_SELECTIONS`] selections once fragments are expanded,
/// and, when introspection is off, documents asking for `__schema` or `__type` (async-graphql
/// alone would answer them with a silent `null`).
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// Most aliases one document may hold.
    pub max_aliases: usize,
    /// Deepest nesting of selections outside introspection (introspection fields have their
    /// own bound, [`MAX_INTROSPECTION_DEPTH`]).
    pub max_depth: usize,
    /// Whether introspection is served.
    pub introspection: bool,
}

impl ExtensionFactory for DocumentLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for DocumentLimits {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        // The parsed document is kept in the request, so it is parsed once. A syntax error is
        // left for async-graphql to report.
        let variables = request.variables.clone();
        let in_batch = request.data.contains_key(&std::any::TypeId::of::<InBatch>());
        if let Ok(document) = request.parsed_query() {
            self.check(document)?;
            check_page_sizes(document, &variables)?;
            check_logins(document, in_batch)?;
        }
        next.run(ctx, request).await
    }
}

impl DocumentLimits {
    /// Checks a parsed document.
    pub fn check(&self, document: &ExecutableDocument) -> ServerResult<()> {
        let aliases = count_aliases(document);
        if aliases > self.max_aliases {
            return Err(ServerError::new(
                format!(
                    "aliases {} is over the limit of {}: ask for each field once",
                    figure(aliases),
                    figure(self.max_aliases)
                ),
                None,
            ));
        }
        if !self.introspection && asks_introspection(document) {
            return Err(ServerError::new("introspection is disabled on this server", None));
        }
        let expanded = expanded_selections(document);
        if expanded > MAX_EXPANDED_SELECTIONS {
            return Err(ServerError::new(
                format!("the document expands to more than {MAX_EXPANDED_SELECTIONS} selections"),
                None,
            ));
        }
        let depth = measure_depth(document);
        if depth.data > self.max_depth {
            return Err(ServerError::new(
                format!("depth {} is over {}: nest fewer levels of fields", depth.data, self.max_depth),
                None,
            ));
        }
        if depth.introspection > MAX_INTROSPECTION_DEPTH {
            return Err(ServerError::new(
                format!("introspection depth {} is over {MAX_INTROSPECTION_DEPTH}", depth.introspection),
                None,
            ));
        }
        if depth.introspection_fields > MAX_INTROSPECTION_FIELDS {
            return Err(ServerError::new(
                format!(
                    "introspection fields {} is over the limit of {MAX_INTROSPECTION_FIELDS}: ask for `__schema` once",
                    depth.introspection_fields
                ),
                None,
            ));
        }
        Ok(())
    }
}

/// Number of aliased fields in a document, as written (fragments counted once).
pub fn count_aliases(document: &ExecutableDocument) -> usize {
    let operations: usize = document.operations.iter().map(|(_, op)| aliases_in(&op.node.selection_set.node)).sum();
    let fragments: usize = document.fragments.values().map(|f| aliases_in(&f.node.selection_set.node)).sum();
    operations + fragments
}

fn aliases_in(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some()) + aliases_in(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => aliases_in(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

/// Whether any operation or fragment selects `__schema` or `__type`.
pub fn asks_introspection(document: &ExecutableDocument) -> bool {
    fn in_set(set: &SelectionSet) -> bool {
        set.items.iter().any(|item| match &item.node {
            Selection::Field(field) => {
                matches!(field.node.name.node.as_str(), "__schema" | "__type") || in_set(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => false,
        })
    }
    document.operations.iter().any(|(_, op)| in_set(&op.node.selection_set.node))
        || document.fragments.values().any(|f| in_set(&f.node.selection_set.node))
}

/// Number of field selections of all operations with fragments spread in (saturating; each
/// fragment is sized once, a fragment cycle counts as empty, validation refuses it later).
pub fn expanded_selections(document: &ExecutableDocument) -> usize {
    let mut sizes: HashMap<&str, Option<usize>> = HashMap::new();
    document
        .operations
        .iter()
        .map(|(_, op)| expanded_in(document, &op.node.selection_set.node, &mut sizes))
        .fold(0, usize::saturating_add)
}

fn expanded_in<'d>(
    document: &'d ExecutableDocument,
    set: &'d SelectionSet,
    sizes: &mut HashMap<&'d str, Option<usize>>,
) -> usize {
    let mut total = 0usize;
    for item in &set.items {
        let size = match &item.node {
            Selection::Field(field) => {
                1usize.saturating_add(expanded_in(document, &field.node.selection_set.node, sizes))
            }
            Selection::InlineFragment(fragment) => expanded_in(document, &fragment.node.selection_set.node, sizes),
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                match sizes.get(name) {
                    Some(Some(size)) => *size,
                    Some(None) => 0, // a cycle: being sized
                    None => match document.fragments.get(&spread.node.fragment_name.node) {
                        Some(fragment) => {
                            sizes.insert(name, None);
                            let size = expanded_in(document, &fragment.node.selection_set.node, sizes);
                            sizes.insert(name, Some(size));
                            size
                        }
                        None => 0,
                    },
                }
            }
        };
        total = total.saturating_add(size);
    }
    total
}

/// The depths of a document, fragments spread in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depth {
    /// Deepest nesting of fields, an introspection field counting as one level (what
    /// `SISMIC_MAX_DEPTH` bounds: the API's own types).
    pub data: usize,
    /// Deepest nesting inside an introspection field, the field itself included.
    pub introspection: usize,
    /// Number of introspection fields selected.
    pub introspection_fields: usize,
}

/// Measures a document's depths. Introspection is set apart because its type references nest
/// by design (`type { ofType { ofType … } }`): counted with the data's depth, the standard
/// introspection query of every GraphQL tool would be refused.
pub fn measure_depth(document: &ExecutableDocument) -> Depth {
    fn set_depth<'d>(
        document: &'d ExecutableDocument,
        set: &'d SelectionSet,
        inside_introspection: bool,
        stack: &mut Vec<&'d str>,
        out: &mut Depth,
    ) -> usize {
        let mut deepest = 0;
        for item in &set.items {
            let depth = match &item.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let children = &field.node.selection_set.node;
                    if !inside_introspection && matches!(name, "__schema" | "__type") {
                        out.introspection_fields = out.introspection_fields.saturating_add(1);
                        let inner = 1 + set_depth(document, children, true, stack, out);
                        out.introspection = out.introspection.max(inner);
                        1
                    } else {
                        1 + set_depth(document, children, inside_introspection, stack, out)
                    }
                }
                Selection::InlineFragment(fragment) => {
                    set_depth(document, &fragment.node.selection_set.node, inside_introspection, stack, out)
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    // A cycle (validation refuses it), or a chain deeper than anything real.
                    if stack.contains(&name) || stack.len() > 64 {
                        0
                    } else if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                        stack.push(name);
                        let depth =
                            set_depth(document, &fragment.node.selection_set.node, inside_introspection, stack, out);
                        stack.pop();
                        depth
                    } else {
                        0
                    }
                }
            };
            deepest = deepest.max(depth);
        }
        deepest
    }
    let mut out = Depth::default();
    for (_, operation) in document.operations.iter() {
        let depth = set_depth(document, &operation.node.selection_set.node, false, &mut Vec::new(), &mut out);
        out.data = out.data.max(depth);
    }
    out
}

/// Marks the operations of a batch (in their request data): some fields are refused there.
#[derive(Debug, Clone, Copy)]
pub struct InBatch;

/// Number of `login` fields selected at the root of the document's mutations (through
/// aliases, inline fragments and fragment spreads too).
pub fn count_logins(document: &ExecutableDocument) -> usize {
    fn in_set(document: &ExecutableDocument, set: &SelectionSet, seen: &mut Vec<String>) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => usize::from(field.node.name.node.as_str() == "login"),
                Selection::InlineFragment(fragment) => in_set(document, &fragment.node.selection_set.node, seen),
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.to_string();
                    if seen.contains(&name) {
                        return 0; // a cycle; validation refuses it
                    }
                    seen.push(name);
                    let count = document
                        .fragments
                        .get(&spread.node.fragment_name.node)
                        .map_or(0, |f| in_set(document, &f.node.selection_set.node, seen));
                    seen.pop();
                    count
                }
            })
            .sum()
    }
    document
        .operations
        .iter()
        .filter(|(_, op)| op.node.ty == OperationType::Mutation)
        .map(|(_, op)| in_set(document, &op.node.selection_set.node, &mut Vec::new()))
        .sum()
}

/// One `login` per request, and none in a batch: each one runs an Argon2 hash, and sign-in
/// throttling should see one attempt per request.
pub fn check_logins(document: &ExecutableDocument, in_batch: bool) -> ServerResult<()> {
    match count_logins(document) {
        0 => Ok(()),
        1 if !in_batch => Ok(()),
        1 => Err(ServerError::new("login cannot be part of a batch: send it as a request of its own", None)),
        _ => Err(ServerError::new("a request may sign in once: send one login field", None)),
    }
}

/// Set in the request data of a dry run that only measures an operation's complexity: the
/// operation is parsed and validated, then stops before anything executes.
#[derive(Debug, Clone, Default)]
pub struct ComplexityProbe(Arc<AtomicUsize>);

impl ComplexityProbe {
    /// The complexity measured (0 when validation failed).
    pub fn complexity(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// A figure with thousands separators, as people read it: 12,345.
pub fn figure(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The cost model, applied to every operation (see the README's "Cost" part):
///
/// - refuses an operation whose complexity is over `max_complexity`, naming both figures
///   (async-graphql's own check only says "Query is too complex");
/// - tells every answer what it cost, under `extensions.cost`: `requestedQueryCost` and
///   `maximumAvailable` (the names of Shopify's API, which scripts already know);
/// - serves [`ComplexityProbe`] dry runs: records the complexity and executes nothing.
///
/// Registered before every other execution extension, so a probe reaches no resolver and no
/// database (not even the token check).
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    /// Highest complexity one operation (or one batch, added up) may have.
    pub max_complexity: usize,
}

impl ExtensionFactory for Cost {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(CostOfRequest { max_complexity: self.max_complexity, requested: AtomicUsize::new(usize::MAX) })
    }
}

/// [`Cost`] for one request: it remembers the validated complexity until the answer is built.
struct CostOfRequest {
    max_complexity: usize,
    /// `usize::MAX` until validation has measured it.
    requested: AtomicUsize,
}

#[async_graphql::async_trait::async_trait]
impl Extension for CostOfRequest {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let validated = next.run(ctx).await?;
        if let Some(probe) = ctx.data_opt::<ComplexityProbe>() {
            probe.0.store(validated.complexity, Ordering::Relaxed);
        }
        if validated.complexity > self.max_complexity {
            return Err(vec![ServerError::new(
                format!(
                    "complexity {} is over the limit of {}: ask for fewer items (a smaller `first`), fewer \
                     fields or fewer reports",
                    figure(validated.complexity),
                    figure(self.max_complexity)
                ),
                None,
            )]);
        }
        self.requested.store(validated.complexity, Ordering::Relaxed);
        Ok(validated)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if ctx.data_opt::<ComplexityProbe>().is_some() {
            return Response::default();
        }
        let mut response = next.run(ctx, operation_name).await;
        let requested = self.requested.load(Ordering::Relaxed);
        if requested != usize::MAX {
            let mut cost = async_graphql::indexmap::IndexMap::new();
            cost.insert(async_graphql::Name::new("requestedQueryCost"), async_graphql::Value::from(requested as u64));
            cost.insert(
                async_graphql::Name::new("maximumAvailable"),
                async_graphql::Value::from(self.max_complexity as u64),
            );
            response.extensions.insert("cost".to_owned(), async_graphql::Value::Object(cost));
        }
        response
    }
}

/// Refuses any `first` argument outside 1 to [`crate::pagination::MAX_PAGE_SIZE`], literal or
/// from a variable, before anything else runs (the resolvers check it too, for direct callers).
pub fn check_page_sizes(document: &ExecutableDocument, variables: &async_graphql::Variables) -> ServerResult<()> {
    use async_graphql::Value;
    fn in_set(set: &SelectionSet, variables: &async_graphql::Variables) -> ServerResult<()> {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    for (name, value) in &field.node.arguments {
                        if name.node.as_str() != "first" {
                            continue;
                        }
                        let resolved = value.node.clone().into_const_with(|var| variables.get(&var).cloned().ok_or(()));
                        let number = match resolved {
                            Ok(Value::Number(n)) => n.as_i64(),
                            _ => None,
                        };
                        if let Some(n) = number {
                            if !(1..=i64::from(crate::pagination::MAX_PAGE_SIZE)).contains(&n) {
                                return Err(ServerError::new(
                                    format!("first: must be between 1 and {}", crate::pagination::MAX_PAGE_SIZE),
                                    Some(value.pos),
                                ));
                            }
                        }
                    }
                    in_set(&field.node.selection_set.node, variables)?;
                }
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node, variables)?,
                Selection::FragmentSpread(_) => {}
            }
        }
        Ok(())
    }
    for (_, op) in document.operations.iter() {
        in_set(&op.node.selection_set.node, variables)?;
    }
    for fragment in document.fragments.values() {
        in_set(&fragment.node.selection_set.node, variables)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(text).unwrap()
    }

    #[test]
    fn aliases_are_counted_in_operations_fragments_and_inline_fragments() {
        let document = parse("query { a: me { id } b: me { x: id } ... on Query { c: me { id } } ...F } fragment F on Query { d: me { id } }");
        assert_eq!(count_aliases(&document), 5);
    }

    #[test]
    fn a_doubling_chain_of_fragments_is_refused_without_expanding_it() {
        let mut text = String::from("{ ...F30 } fragment F0 on Query { me { id } }");
        for i in 1..=30 {
            text.push_str(&format!(" fragment F{i} on Query {{ ...F{prev} ...F{prev} }}", prev = i - 1));
        }
        let document = parse(&text);
        let started = std::time::Instant::now();
        assert!(expanded_selections(&document) > MAX_EXPANDED_SELECTIONS);
        assert!(DocumentLimits { max_aliases: 30, max_depth: 12, introspection: true }.check(&document).is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn logins_are_counted_through_aliases_and_fragments() {
        let document = parse(
            "mutation { a: login(email: \"x\", password: \"y\") { token } ... on Mutation { login(email: \"x\", password: \"y\") { token } } ...F } \
             fragment F on Mutation { b: login(email: \"x\", password: \"y\") { token } }",
        );
        assert_eq!(count_logins(&document), 3);
        assert!(check_logins(&document, false).is_err());
        let one = parse("mutation { login(email: \"x\", password: \"y\") { token } }");
        assert!(check_logins(&one, false).is_ok());
        assert!(check_logins(&one, true).is_err(), "not in a batch");
        assert_eq!(count_logins(&parse("{ me { id } }")), 0);
    }

    #[test]
    fn introspection_depth_is_measured_apart_from_the_data() {
        let document = parse(
            "{ me { region { name } } __schema { types { ...T } } } \
             fragment T on __Type { fields { type { ofType { ofType { name } } } } }",
        );
        let depth = measure_depth(&document);
        assert_eq!(depth.data, 3, "me > region > name; __schema counts as one level");
        assert_eq!(depth.introspection, 7, "__schema > types > fields > type > ofType > ofType > name");
        assert_eq!(depth.introspection_fields, 1);
    }

    #[test]
    fn figures_have_thousands_separators() {
        assert_eq!(figure(0), "0");
        assert_eq!(figure(999), "999");
        assert_eq!(figure(2_340), "2,340");
        assert_eq!(figure(1_234_567), "1,234,567");
    }

    #[test]
    fn fragment_cycles_terminate() {
        let document = parse("{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }");
        assert_eq!(expanded_selections(&document), 2);
    }
}
