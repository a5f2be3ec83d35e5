use super::*;

#[test]
fn only_subscriptions_pass() {
    assert!(is_query_or_mutation("{ me { id } }", None));
    assert!(is_query_or_mutation("mutation { logout }", None));
    assert!(!is_query_or_mutation("subscription { projectChanged { change } }", None));
    let two = "query A { me { id } } subscription B { projectChanged { change } }";
    assert!(!is_query_or_mutation(two, Some("B")));
    assert!(is_query_or_mutation(two, Some("A")));
    assert!(!is_query_or_mutation(two, None), "left to the executor, which refuses it");
    assert!(!is_query_or_mutation("not graphql", None));
}

#[test]
fn close_reasons_fit_the_frame() {
    let long = "é".repeat(100);
    assert!(truncate(&long).len() <= 123);
    assert_eq!(truncate("short"), "short");
}

#[test]
fn slots_are_counted_per_user_and_given_back() {
    let hub = LiveHub::new(LiveLimits {
        max_connections: 10,
        per_connection: 5,
        per_user: 2,
        max_message_bytes: 1024,
        init_deadline: Duration::from_secs(1),
    });
    let (alice, bob) = (Uuid::new_v4(), Uuid::new_v4());
    let a1 = hub.take_slot(alice).expect("first");
    let _a2 = hub.take_slot(alice).expect("second");
    assert!(hub.take_slot(alice).is_none(), "a third is over the limit");
    let _b1 = hub.take_slot(bob).expect("another user has their own count");
    assert_eq!(hub.open_subscriptions(), 3);
    drop(a1);
    assert!(hub.take_slot(alice).is_some(), "a slot given back can be taken again");
}
