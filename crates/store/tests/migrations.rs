//! Shipped migrations are never edited (ARCHITECTURE.md): a database made by an earlier version
//! recorded each migration's checksum when it ran, and sqlx refuses to open it if a file it ran
//! has changed since. This holds the checksum of every migration that has shipped; editing one
//! fails here, before it fails on a secretariat's laptop. A new migration is added to the list
//! in the commit that ships it.

/// (version, file name after the version, SHA-384 of the file as sqlx computes it).
const SHIPPED: &[(i64, &str, &str)] = &[
    (20261127000000, "foundation", "4fbba4fb11e8ca487daf17fc3a432adef059ea8bb38c05309cb8606f92c453b8ee7ebcd38616434148295ea2c2b02ddc"),
    (20261127010000, "membership", "96094b2176ff3609bfc9291ab9ab50ae1497e126a650f18511c065f624caa81dd7dfd4b486ca33ab09e3892ed9955933"),
    (20261127020000, "meetings", "26ade3bc71ed632e1b6cd74eef6bd97affb9b75e38f662beb474e7e480f92f3c110d68a846342c936a12749a0ac44fa7"),
    (20261127030000, "elections", "a876b58589610af9a26d1f6fd47c626b3ae5c27e78084b495afe507f968f4ef5763b1fa094197b14be2ebe1b64f1e927"),
    (20261127040000, "attendance_minutes", "a175f745ff577b229b2cbf9a6adbe39271f5204452279edc7f8280d60da8157c0e7206aa9bd818e619f14c952a6e7b8f"),
    (20261127050000, "subgroups", "149999195ed46409e0029c4b7ac527cdfbd6c302ca483568f8fb73d551fb98f7d2003e25c64c33a36f2e6e5c56cb9d28"),
    (20261127060000, "audit_chain", "8cdf7aa0ff18b8830be0dfe910238ed1e9af864bda92e428710f75457e6f3d7fcd86c02890b9b5328e25172e879c6634"),
    (20261127070000, "privacy", "8244a13b9b8371e0f6331c5fa1bb65976b816feabfc3f83ee5f5416a97eea366080fe3f85c18a50e865a72ee17ec9b14"),
    (20261127080000, "retention", "78b0b5c975cf5f26cb81fc65dd71fb8ec6ebc2fc82a8c4d65d9ff411db727d5a1bbeba468f119ef0f3f18857c10d31e7"),
    (20261127090000, "indexes", "1d8321cd2312a97ff2125753856553457917f1b265572a8b85304b2d68d1e6e81ef005745114d193e67fd8dee72b81f8"),
    (20261204100000, "work", "c5873d9a1dd4e5d5f90a65c05a903a890475b2fef092036aa4bd66a2ffd690b33269392f122a196e08443d606056af50"),
    (20261204181000, "sort_as_and_early_close", "605289d60e4d281edd5e01b958a1853397a5943e9e4907f1a2096153cdb359e302f7946498e8104dcfe571836ef791bc"),
    (20261204190000, "work_settings", "b12f1e3bc08d366b6076b523853e5807537318453d1bd69ced8ae328e2c367d90ebe7a1fb56ebef27994c7f4ca5ee207"),
    (20261205080000, "issued_documents", "0e6a070ca1f97b43fd7b2c0f4fd3330b142b1cd39b8a2eb36044d2aa7df4f860ba710e28886b5ceef0917025450045f3"),
    (20261205100000, "register_through_time", "ca8f84678e10077cb7e708edf557c11eb34eae71317c10201f59e90b98bb5510804d6c577defad15076c51255551d6a1"),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn shipped_migrations_are_never_edited() {
    let migrator = sqlx::migrate!("../../migrations");
    let found: Vec<(i64, String, String)> = migrator.iter().map(|m| (m.version, m.description.to_string(), hex(&m.checksum))).collect();
    for (version, name, checksum) in SHIPPED {
        let here = found.iter().find(|(v, _, _)| v == version).unwrap_or_else(|| panic!("the shipped migration {version}_{name}.sql is gone"));
        assert_eq!(&here.2, checksum, "the shipped migration {version}_{name}.sql was edited: write a new migration instead");
    }
    for (version, description, checksum) in &found {
        assert!(
            SHIPPED.iter().any(|(v, _, _)| v == version),
            "migration {version} ({description}) is not in SHIPPED: add ({version}, \"…\", \"{checksum}\") in the commit that ships it"
        );
    }
}
