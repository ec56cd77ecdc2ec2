//! `evaluate` at scale: 20 groups, each with 10 years of history (5 two-year terms
//! on each of 12 seats, people moving employer, roles changing every year).
//! Goal: ≤ 5 ms per group. Run with `cargo bench -p secretariat-rules`.

use chrono::{Months, NaiveDate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use secretariat_rules::register::*;
use secretariat_rules::{Template, evaluate};
use std::hint::black_box;

fn synthetic_group(seed: i64) -> Register {
    let template = Template::TechukInterop;
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let seats: Vec<Seat> = template.seats().into_iter().enumerate().map(|(i, s)| Seat::new(i as Id + 1, s.kind, s.position, s.title)).collect();
    let organisations: Vec<Organisation> = (0..40)
        .map(|i| {
            let techuk = match i % 10 {
                0 => TechukStatus::NotMember,
                1 => TechukStatus::Applying,
                _ => TechukStatus::Member,
            };
            let mut organisation = Organisation::new(1000 + i, format!("Organisation {seed}-{i}"), techuk, i % 4 == 0);
            // A fifth of them change SME status in 2020: the facts are dated (issue #14).
            if i % 5 == 0 {
                let facts = OrganisationFacts { techuk, sme: i % 4 != 0, sector: String::new() };
                organisation.facts.change(NaiveDate::from_ymd_opt(2020, 4, 1).unwrap(), facts);
            }
            organisation
        })
        .collect();
    let mut people = Vec::new();
    let mut employments = Vec::new();
    let mut terms = Vec::new();
    let mut appointments = Vec::new();
    let mut next_person = 10_000;
    for seat in &seats {
        for round in 0..5u32 {
            next_person += 1;
            let person = next_person;
            people.push(Person::new(person, format!("Person {seed}-{person}"), ManagerStatus::Yes));
            let term_start = start.checked_add_months(Months::new(round * 24)).unwrap();
            let org = 1000 + ((person + seed) % 40);
            employments.push(Employment {
                person,
                organisation: org,
                from: NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
                to: Some(term_start.checked_add_months(Months::new(11)).unwrap()),
            });
            // Half of them move employer a year into the term (ToR §15).
            let new_org = if person % 2 == 0 { 1000 + ((person * 7) % 40) } else { org };
            employments.push(Employment { person, organisation: new_org, from: term_start.checked_add_months(Months::new(12)).unwrap(), to: None });
            terms.push(Term {
                id: person,
                seat: seat.id,
                person,
                start: term_start,
                end: term_start.checked_add_months(Months::new(24)).unwrap(),
                obtained: if round == 0 { Obtained::Election } else { Obtained::ReElection },
                ended_early: None,
            });
        }
    }
    for year in 0..10u32 {
        let from = start.checked_add_months(Months::new(year * 12)).unwrap();
        let to = Some(from.checked_add_months(Months::new(12)).unwrap().pred_opt().unwrap());
        for (i, role) in Role::ALL.into_iter().enumerate() {
            appointments.push(Appointment { role, person: 10_001 + (year as i64 * 5 + i as i64) % 60, from, to });
        }
    }
    // The Terms of Reference amended once: a third SME member from 2021 (ToR §13).
    let amendments = vec![secretariat_rules::Amendment {
        id: 1,
        setting: secretariat_rules::TorSetting::MinSmeSuppliers,
        value: 3,
        from: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
        meeting: None,
        decision: None,
        note: String::new(),
    }];
    Register { settings: template.settings(), amendments, organisations, people, employments, seats, terms, appointments }
}

fn bench(c: &mut Criterion) {
    let groups: Vec<Register> = (0..20).map(synthetic_group).collect();
    let on = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let mut group = c.benchmark_group("evaluate");
    group.bench_function(BenchmarkId::new("one group, 10 years", "1"), |b| b.iter(|| evaluate(black_box(&groups[0]), black_box(on))));
    group.bench_function(BenchmarkId::new("20 groups, 10 years each", "20"), |b| {
        b.iter(|| groups.iter().map(|g| evaluate(black_box(g), black_box(on)).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
