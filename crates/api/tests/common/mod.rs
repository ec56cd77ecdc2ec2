//! What the Session tests share: reading a PDF's text the way a person would see it.

/// The PDF's text as `pdftotext -layout` extracts it (poppler-utils).
pub fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-layout", path.to_str().unwrap(), "-"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Columns whose values come from the clock or the database's own key, not from what was done.
pub const CLOCK_OR_KEYED: [(&str, &str); 7] = [
    ("audit_log", "at"),
    ("audit_log", "mac"),
    ("audit_log", "change_digest"),
    ("groups", "created_at"),
    ("organisation_facts", "recorded_at"),
    ("person_facts", "recorded_at"),
    ("tor_amendments", "recorded_at"),
];

/// Every row of every table in the data folder's database, read as anyone holding the key
/// could (the recovery passphrase unwraps it from the key file): one line per row, each value
/// SQL-quoted, rowid first where the table has one. Values that only say *when* something was
/// written, or that are keyed with the database's own key ([`CLOCK_OR_KEYED`]; the migrations'
/// bookkeeping), are left out, so two databases written the same way compare equal.
#[allow(dead_code)]
pub async fn every_row(data_dir: &std::path::Path, passphrase: &str) -> Vec<String> {
    use sqlx::{ConnectOptions, Connection, Row};
    let key = secretariat_store::KeyFile::read(&data_dir.join("secretariat.key")).unwrap().unwrap_key(&secretariat_store::Passphrase::new(passphrase)).unwrap();
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(data_dir.join("secretariat.db"))
        .pragma("key", format!("\"x'{}'\"", key.to_hex().to_uppercase()))
        .read_only(true)
        .connect()
        .await
        .unwrap();
    let tables: Vec<(String, String)> = sqlx::query_as("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name <> '_sqlx_migrations' ORDER BY name")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let mut out = Vec::new();
    for (table, sql) in tables {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid").bind(&table).fetch_all(&mut conn).await.unwrap();
        let kept: Vec<String> = columns.iter().filter(|c| !CLOCK_OR_KEYED.contains(&(table.as_str(), c.as_str()))).map(|c| format!("quote(\"{c}\")")).collect();
        let rowid = if sql.contains("WITHOUT ROWID") { "'-'" } else { "quote(rowid)" };
        let query = format!("SELECT {rowid} || '|' || {} FROM \"{table}\"", kept.join(" || '|' || "));
        for row in sqlx::query(sqlx::AssertSqlSafe(query)).fetch_all(&mut conn).await.unwrap() {
            out.push(format!("{table}: {}", row.get::<String, _>(0)));
        }
    }
    conn.close().await.unwrap();
    out
}
