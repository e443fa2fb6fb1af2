//! Seeds of the text targets: `query`, `template` and `namespace`.

// ---- query ---------------------------------------------------------------

pub(super) fn query_seeds() -> Vec<(String, Vec<u8>)> {
    let queries = [
        "attributes.type = 'sensor' and attributes.floor <= 5",
        "attributes.role IN ['app', 'admin'] or authenticationName = 'app1'",
        "(attributes.type = \"sensor\" or attributes.type = 'actuator') and not_a_keyword = 1",
        "attributes.floor >= -3 AND attributes.floor < 10 OR attributes.floor IN [42, 43]",
        "attributes.tags = 'a' and attributes.tags <> 'c'",
        "authenticationName != 'DEV1' and attributes.site = 'it''s'",
        "((attributes.x_1 > 0))",
        "attributes.type = 'sensor' and (attributes.floor = 3 or (attributes.role IN [\"app\"]))",
        "attributes. = 1",
        "attributes.x IN []",
        "attributes.x = 'unterminated",
        "attributes.x < 'string'",
        "authenticationName = 99999999999999999999",
        "(attributes.a = 1",
        "attributes.a = 1)",
    ];
    queries
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut v = q.as_bytes().to_vec();
            v.push(0);
            v.extend([2, 1, 0, 5, 3, 0, 1, 2, 1, 3, 2, 0, 2, 0, 1, 4, 7, 1]);
            (format!("query-{i:02}"), v)
        })
        .collect()
}

// ---- template ------------------------------------------------------------

pub(super) fn template_seeds() -> Vec<(String, Vec<u8>)> {
    let cases: [(&str, &str, &str); 12] = [
        (
            "devices/${client.authenticationName}/telemetry/#",
            "devices/dev1/telemetry/t",
            "devices/dev1/telemetry/+",
        ),
        (
            "floors/${client.attributes.floor}/+",
            "floors/3/x",
            "floors/3/#",
        ),
        (
            "devices/${client.authenticationName}/commands/+",
            "devices/dev1/commands/reboot",
            "devices/+/commands/+",
        ),
        (
            "a/pre-${client.attributes.type}-${client.authenticationName}-post/b",
            "a/pre-sensor-dev1-post/b",
            "a/+/b",
        ),
        ("#", "$SYS/x", "$SYS/#"),
        ("+/x/#", "a/x", "a/x/#"),
        ("${client.attributes.site}/#", "$x/y", "+/#"),
        ("public/#", "public", "public/+/#"),
        (
            "devices/${client.attributes.tags}/x",
            "devices/a/x",
            "devices/a/x",
        ),
        ("bad/${client.nope}", "bad/x", "bad/#"),
        ("bad/${client.authenticationName", "bad/x", "bad/+"),
        ("$reserved/x", "x", "#"),
    ];
    cases
        .iter()
        .enumerate()
        .map(|(i, (t, topic, filter))| {
            let mut v = Vec::new();
            for part in [t, topic, filter] {
                v.extend_from_slice(part.as_bytes());
                v.push(0);
            }
            v.extend([0, 2, 1, 0, 0, 1, 1, 0, 3, 2, 0, 2, 5, 1, 1]);
            (format!("template-{i:02}"), v)
        })
        .collect()
}

// ---- namespace -----------------------------------------------------------

pub(super) fn namespace_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    let file = include_str!("../namespace.toml");
    let mut v = vec![0u8];
    v.extend_from_slice(file.as_bytes());
    seeds.push(("file-fixed".to_owned(), v));
    let small = r#"
[[clients]]
name = "d1"
attributes = { k = ["x", "y"], n = -5 }
clientCertificateAuthentication = { validationScheme = "ThumbprintMatch", allowedThumbprints = ["AB0000000000000000000000000000000000000000000000000000000000CDEF"] }

[[caCertificates]]
name = "ca-one"
encodedCertificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIQ\n-----END CERTIFICATE-----\n"

[[clientGroups]]
name = "grp"
query = "attributes.n < 0"

[[topicSpaces]]
name = "space"
topicTemplates = ["k/${client.attributes.n}/#"]

[[permissionBindings]]
name = "bind"
clientGroupName = "grp"
topicSpaceName = "space"
permission = "subscriber"
"#;
    let mut v = vec![0u8];
    v.extend_from_slice(small.as_bytes());
    seeds.push(("file-small".to_owned(), v));
    let requests: [&[&str]; 4] = [
        &[
            "PUT /api/v1/clients/dev9\n{\"attributes\":{\"type\":\"sensor\",\"floor\":1},\"password\":\"pw\"}",
            "POST /api/v1/clientGroups\n{\"name\":\"floor-one\",\"query\":\"attributes.floor = 1\"}",
            "PUT /api/v1/topicSpaces/mine\n{\"topicTemplates\":[\"mine/${client.authenticationName}/#\"]}",
            "PUT /api/v1/permissionBindings/b1\n{\"clientGroupName\":\"floor-one\",\"topicSpaceName\":\"mine\",\"permission\":\"Publisher\"}",
            "GET /api/v1/explain?client=dev9&publish=mine%2Fdev9%2Fx",
            "DELETE /api/v1/clientGroups/floor-one",
            "DELETE /api/v1/permissionBindings/b1",
            "DELETE /api/v1/clientGroups/floor-one",
            "GET /api/v1/clients",
        ],
        &[
            "PUT /api/v1/clients/dev1\n{\"name\":\"other\"}",
            "PUT /api/v1/clients/dev1\n{\"authenticationName\":\"changed\"}",
            "PUT /api/v1/clients/dev1\n{\"passwordHash\":\"x\"}",
            "POST /api/v1/clients\n{\"name\":\"dev1\"}",
            "POST /api/v1/clients\n[1,2]",
            "PUT /api/v1/topicSpaces/telemetry\n{\"topicTemplates\":[]}",
            "DELETE /api/v1/topicSpaces/telemetry",
            "PATCH /api/v1/clients/dev1\n{}",
            "GET /api/v1/nothing",
        ],
        &[
            "GET /api/v1/explain?client=dev1&subscribe=devices%2Fdev1%2Fcommands%2F%2B",
            "GET /api/v1/explain?client=Dev-Two&publish=devices/Dev-Two/telemetry/x",
            "GET /api/v1/explain?client=%ZZ&publish=x",
            "GET /api/v1/explain?publish=x",
            "GET /api/v1/explain?client=dev1&color=red",
            "GET /api/v1/clients/dev%2",
            "GET /api/v1/caCertificates/none",
        ],
        &[
            "PUT /api/v1/caCertificates/ca1\n{\"encodedCertificate\":\"-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIQ\\n-----END CERTIFICATE-----\\n\"}",
            "PUT /api/v1/clients/cert-dev\n{\"clientCertificateAuthentication\":{\"validationScheme\":\"SubjectMatchesAuthenticationName\"},\"state\":\"Disabled\"}",
            "PUT /api/v1/clientGroups/bad\n{\"query\":\"attributes.x IN [\"}",
            "PUT /api/v1/clients/x\n{\"attributes\":{\"bad key\":1}}",
            "DELETE /api/v1/caCertificates/ca1",
            "DELETE /api/v1/clients/cert-dev",
        ],
    ];
    for (i, list) in requests.iter().enumerate() {
        let mut v = vec![1u8];
        v.extend_from_slice(list.join("~~next~~").as_bytes());
        seeds.push((format!("rest-{i}"), v));
    }
    seeds
}
