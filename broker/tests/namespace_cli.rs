//! The namespace commands' verbs beyond `create`: `list`, `show`, `update`,
//! `delete`, and what a person sees on bad input (a non-zero exit and a
//! message naming the field and the rule, nothing changed).

use std::time::Duration;

const TOKEN: &str = "verbs-admin-token";

/// Runs the real `tern` binary against `broker`'s admin API: (success, stdout, stderr).
async fn tern(broker: &tern::Broker, args: &[&str]) -> (bool, String, String) {
    let output = tokio::time::timeout(
        Duration::from_secs(10),
        tokio::process::Command::new(env!("CARGO_BIN_EXE_tern"))
            .args(args)
            .env("TERN_ADMIN_URL", format!("http://{}", broker.http_addr()))
            .env("TERN_ADMIN_TOKEN", TOKEN)
            .env("RUST_LOG", "warn")
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("tern finished in time")
    .expect("tern runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

async fn ok(broker: &tern::Broker, args: &[&str]) -> serde_json::Value {
    let (success, stdout, stderr) = tern(broker, args).await;
    assert!(success, "tern {}: {stderr}", args.join(" "));
    serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null)
}

#[tokio::test]
async fn list_show_update_delete_and_bad_input() {
    let mut config = tern::Config::for_tests();
    config.open = false;
    config.admin.token = Some(TOKEN.into());
    let broker = tern::Broker::start(config).await.unwrap();
    ok(
        &broker,
        &[
            "client",
            "create",
            "--name",
            "dev1",
            "--attributes",
            r#"{"type":"device","floor":2}"#,
            "--password",
            "s3cret",
        ],
    )
    .await;
    ok(
        &broker,
        &[
            "client",
            "create",
            "--name",
            "dev2",
            "--authentication-name",
            "Dev-Two",
        ],
    )
    .await;
    ok(
        &broker,
        &[
            "topic-space",
            "create",
            "--name",
            "status",
            "--topic-templates",
            "clients/${client.authenticationName}/status",
            "status/+",
        ],
    )
    .await;
    ok(
        &broker,
        &[
            "client-group",
            "create",
            "--name",
            "devices",
            "--query",
            "attributes.type = 'device'",
        ],
    )
    .await;
    ok(
        &broker,
        &[
            "permission-binding",
            "create",
            "--name",
            "devicesPub",
            "--client-group",
            "devices",
            "--topic-space",
            "status",
            "--permission",
            "publisher",
        ],
    )
    .await;

    let listed = ok(&broker, &["client", "list"]).await;
    let names: Vec<&str> = listed["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dev1", "dev2"]);
    let dev2 = ok(&broker, &["client", "show", "--name", "dev2"]).await;
    assert_eq!(dev2["authenticationName"], "Dev-Two");

    // update changes only the given fields; the password and attributes stay.
    let updated = ok(
        &broker,
        &["client", "update", "--name", "dev1", "--state", "Disabled"],
    )
    .await;
    assert_eq!(updated["state"], "Disabled");
    assert_eq!(updated["attributes"]["floor"], 2);
    assert_eq!(updated["hasPassword"], true);
    let space = ok(
        &broker,
        &[
            "topic-space",
            "update",
            "--name",
            "status",
            "--topic-templates",
            "status/#",
        ],
    )
    .await;
    assert_eq!(space["topicTemplates"], serde_json::json!(["status/#"]));

    // Bad input: non-zero exit, the field and the rule, nothing changed.
    let (success, _, stderr) = tern(
        &broker,
        &[
            "client-group",
            "create",
            "--name",
            "broken",
            "--query",
            "attributes.type = ",
        ],
    )
    .await;
    assert!(!success);
    assert!(
        stderr.contains("query") && stderr.contains("column"),
        "{stderr}"
    );
    let (success, _, stderr) = tern(
        &broker,
        &[
            "client",
            "update",
            "--name",
            "dev2",
            "--authentication-name",
            "other",
        ],
    )
    .await;
    assert!(
        !success && stderr.contains("authenticationName"),
        "{stderr}"
    );
    let (success, _, stderr) = tern(
        &broker,
        &[
            "permission-binding",
            "create",
            "--name",
            "bad",
            "--client-group",
            "devices",
            "--topic-space",
            "status",
            "--permission",
            "owner",
        ],
    )
    .await;
    assert!(!success && stderr.contains("--permission"), "{stderr}");
    let (success, _, stderr) = tern(&broker, &["client", "create", "--name", "dev1"]).await;
    assert!(!success && stderr.contains("already exists"), "{stderr}");
    let groups = ok(&broker, &["client-group", "list"]).await;
    assert_eq!(
        groups["value"].as_array().unwrap().len(),
        1,
        "the broken group was not created"
    );

    // delete: refused while referenced, then in order.
    let (success, _, stderr) = tern(&broker, &["topic-space", "delete", "--name", "status"]).await;
    assert!(!success && stderr.contains("devicesPub"), "{stderr}");
    for (kind, name) in [
        ("permission-binding", "devicesPub"),
        ("topic-space", "status"),
        ("client", "dev2"),
    ] {
        let (success, stdout, stderr) = tern(&broker, &[kind, "delete", "--name", name]).await;
        assert!(
            success && stdout.contains("deleted"),
            "{kind} {name}: {stderr}"
        );
    }
    let (success, _, stderr) = tern(&broker, &["client", "show", "--name", "dev2"]).await;
    assert!(!success && stderr.contains("does not exist"), "{stderr}");
    // Without the token the CLI says what to set.
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_tern"))
        .args([
            "client",
            "list",
            "--admin",
            &format!("http://{}", broker.http_addr()),
        ])
        .env_remove("TERN_ADMIN_TOKEN")
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("TERN_ADMIN_TOKEN"));
    broker.shutdown().await;
}

#[tokio::test]
async fn route_commands_create_update_list_and_show_dead_letters() {
    let mut config = tern::Config::for_tests();
    config.open = false;
    config.admin.token = Some(TOKEN.into());
    let broker = tern::Broker::start(config).await.unwrap();
    let created = ok(
        &broker,
        &[
            "route",
            "create",
            "--name",
            "telemetry",
            "--endpoint-url",
            "http://127.0.0.1:9/hook",
            "--topic-filters",
            "devices/+/telemetry",
            "--enrichment",
            "room=${client.attributes.room}",
            "--enrichment",
            "site=lab",
            "--header",
            "x-key=k1",
            "--max-delivery-count",
            "3",
            "--advanced-filter",
            r#"{"operatorType":"NumberGreaterThan","key":"data.temp","value":20}"#,
        ],
    )
    .await;
    assert_eq!(created["advancedFilters"][0]["key"], "data.temp");
    assert_eq!(created["enrichments"][0]["key"], "room");
    assert_eq!(created["enrichments"][1]["value"], "lab");
    assert_eq!(created["deliveryHeaders"][0]["name"], "x-key");
    assert_eq!(created["maxDeliveryCount"], 3);
    let updated = ok(
        &broker,
        &[
            "route",
            "update",
            "--name",
            "telemetry",
            "--max-delivery-count",
            "5",
        ],
    )
    .await;
    assert_eq!(updated["maxDeliveryCount"], 5);
    assert_eq!(
        updated["topicFilters"][0], "devices/+/telemetry",
        "other fields kept"
    );
    let listed = ok(&broker, &["route", "list"]).await;
    assert_eq!(listed["value"].as_array().map(Vec::len), Some(1));
    let dead = ok(&broker, &["route", "dead-letters", "--name", "telemetry"]).await;
    assert_eq!(dead["value"], serde_json::json!([]));
    // Bad input: named field and rule, non-zero exit.
    let (success, _, stderr) = tern(
        &broker,
        &[
            "route",
            "create",
            "--name",
            "bad-route",
            "--endpoint-url",
            "http://127.0.0.1:9/x",
            "--enrichment",
            "Key=v",
        ],
    )
    .await;
    assert!(!success);
    assert!(stderr.contains("enrichments[0].key"), "{stderr}");
    let (success, _, stderr) = tern(
        &broker,
        &["route", "create", "--name", "x", "--enrichment", "novalue"],
    )
    .await;
    assert!(!success);
    assert!(stderr.contains("NAME=VALUE"), "{stderr}");
    ok(&broker, &["route", "delete", "--name", "telemetry"]).await;
    let listed = ok(&broker, &["route", "list"]).await;
    assert_eq!(listed["value"], serde_json::json!([]));
    broker.shutdown().await;
}
