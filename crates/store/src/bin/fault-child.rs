//! A child process for the store's fault tests (`tests/faults.rs`); not shipped.
//!
//! `fault-child DIR write GROUP RUN` opens the database in DIR with the recovery
//! passphrase from `SECRETARIAT_PASSPHRASE` and writes until it is killed: each
//! transaction adds an organisation, a person and their employment through the
//! `Writer`, and only after `commit` returns prints `committed ORG PERSON` and
//! flushes. Whatever it printed must survive a `kill -9` at any moment.
//!
//! With a fifth argument, `fault-child DIR write GROUP RUN MAX` stops after MAX
//! commits, prints `done`, and keeps the store open (writing nothing more) until
//! it is killed: the commits are then known to be in the `-wal` alone, as long as
//! they are too few to reach SQLite's automatic checkpoint (1000 pages).
//!
//! `fault-child DIR hold` opens the database, prints `open`, and keeps it open
//! until its standard input closes: the other process for the lock test.

use secretariat_rules::{ManagerStatus, TechukStatus};
use secretariat_store::{DataPaths, KeySource, OrganisationInput, Passphrase, PersonInput, Store};
use std::io::{BufRead, Write};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: fault-child DIR (write GROUP RUN [MAX] | hold)";
    let dir = args.get(1).expect(usage);
    let passphrase = Passphrase::new(std::env::var("SECRETARIAT_PASSPHRASE").expect("SECRETARIAT_PASSPHRASE"));
    let store = match Store::open(&DataPaths::new(dir), KeySource::Passphrase(passphrase)).await {
        Ok(store) => store,
        Err(error) => {
            println!("error {error}");
            std::process::exit(2);
        }
    };
    let mut out = std::io::stdout().lock();
    match args.get(2).map(String::as_str) {
        Some("write") => {
            let group: i64 = args.get(3).expect(usage).parse().expect(usage);
            let run = args.get(4).expect(usage);
            let max: u64 = args.get(5).map_or(u64::MAX, |m| m.parse().expect(usage));
            for n in 0..max {
                let mut w = store.begin().await.unwrap();
                let org = w.add_organisation(group, &organisation(&format!("Org {run}-{n}"))).await.unwrap();
                let person = w.add_person(group, &person(&format!("Person {run}-{n}"))).await.unwrap();
                let since = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
                w.add_employment(group, person, org, since, None).await.unwrap();
                w.commit().await.unwrap();
                writeln!(out, "committed {org} {person}").unwrap();
                out.flush().unwrap();
            }
            // Only reached with MAX: the store stays open, never closed or checkpointed, until killed.
            writeln!(out, "done").unwrap();
            out.flush().unwrap();
            for _ in std::io::stdin().lock().lines() {}
            std::process::exit(0);
        }
        Some("hold") => {
            writeln!(out, "open").unwrap();
            out.flush().unwrap();
            drop(out);
            // Until the parent closes our standard input.
            for _ in std::io::stdin().lock().lines() {}
            store.close().await;
        }
        _ => panic!("{usage}"),
    }
}

fn organisation(name: &str) -> OrganisationInput {
    OrganisationInput {
        name: name.to_owned(),
        techuk_status: TechukStatus::Member,
        applied_on: None,
        sme: false,
        sme_confirmed_on: None,
        sector: "Fault tests".to_owned(),
    }
}

fn person(name: &str) -> PersonInput {
    PersonInput { name: name.to_owned(), email: String::new(), job_title: "Tester".to_owned(), manager_status: ManagerStatus::No, sort_as: String::new() }
}
