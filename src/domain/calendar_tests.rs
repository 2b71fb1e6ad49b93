//! Tests of the working-day calendar against the 2025–2026 official calendar.
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cal() -> &'static Calendar {
    Calendar::builtin()
}

/// The day-by-day definitions the fast paths must agree with.
fn naive_between(c: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
    let (a, b, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let n = a.iter_days().skip(1).take_while(|x| *x <= b);
    sign * n.filter(|x| c.is_working_day(*x)).count() as i64
}

fn naive_add(c: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
    let mut cur = start;
    for _ in 0..n {
        cur = cur
            .iter_days()
            .skip(1)
            .find(|x| c.is_working_day(*x))
            .unwrap();
    }
    cur
}

#[test]
fn embedded_data_parses_and_covers_2025_2026_only() {
    // builtin() silently falls back, so check the asset itself parses.
    let parsed = Calendar::from_json(BUILTIN_JSON).unwrap();
    assert!(parsed.source_note().contains("国办发明电〔2025〕7号"));
    assert!(cal().has_data_for(2025) && cal().has_data_for(2026));
    assert!(!cal().has_data_for(2024) && !cal().has_data_for(2027));
    assert_eq!(cal().holiday_name(d(2026, 2, 17)), Some("春节"));
    assert_eq!(cal().holiday_name(d(2026, 2, 24)), None);
}

#[test]
fn spring_festival_2026() {
    for day in 15..=23 {
        assert!(!cal().is_working_day(d(2026, 2, day)), "2026-02-{day}");
    }
    assert!(cal().is_working_day(d(2026, 2, 14)), "Sat make-up day");
    assert!(cal().is_working_day(d(2026, 2, 28)), "Sat make-up day");
    assert!(!cal().is_working_day(d(2026, 3, 1)), "plain Sunday");
    assert_eq!(cal().add_working_days(d(2026, 2, 13), 1), d(2026, 2, 14));
    assert_eq!(cal().add_working_days(d(2026, 2, 13), 2), d(2026, 2, 24));
    assert_eq!(cal().add_working_days(d(2026, 2, 14), 1), d(2026, 2, 24));
    // Fri 02-13 + 10: 14(Sat), 24–27, 28(Sat), 03-02..05.
    assert_eq!(cal().add_working_days(d(2026, 2, 13), 10), d(2026, 3, 5));
    assert_eq!(
        cal().working_days_between(d(2026, 2, 13), d(2026, 3, 5)),
        10
    );
    assert_eq!(
        cal().working_days_between(d(2026, 2, 14), d(2026, 2, 23)),
        0
    );
}

#[test]
fn national_day_2025() {
    for day in 1..=8 {
        assert!(!cal().is_working_day(d(2025, 10, day)), "2025-10-0{day}");
    }
    assert!(cal().is_working_day(d(2025, 9, 28)), "Sun make-up day");
    assert!(cal().is_working_day(d(2025, 10, 11)), "Sat make-up day");
    assert!(!cal().is_working_day(d(2025, 10, 12)));
    // Tue 09-30 + 1 skips the whole holiday; Thu 10-09 is the first day back.
    assert_eq!(cal().add_working_days(d(2025, 9, 30), 1), d(2025, 10, 9));
    assert_eq!(cal().add_working_days(d(2025, 9, 26), 3), d(2025, 9, 30));
}

#[test]
fn friday_before_national_day_2026() {
    // Fri 09-18 + 10: 20(Sun make-up), 21–24, 28–30, 10-08, 10-09; 09-25..27 is 中秋.
    assert_eq!(d(2026, 9, 18).weekday(), Weekday::Fri);
    assert_eq!(cal().add_working_days(d(2026, 9, 18), 10), d(2026, 10, 9));
    assert!(cal().is_working_day(d(2026, 10, 10)), "Sat make-up day");
}

#[test]
fn missing_years_fall_back_to_monday_to_friday() {
    // 2027-01-01 is a Friday: surely a holiday in reality, but there is no data.
    assert!(cal().is_working_day(d(2027, 1, 1)));
    assert!(!cal().is_working_day(d(2027, 1, 2)));
    assert!(cal().is_working_day(d(2024, 10, 1)));
    assert_eq!(cal().add_working_days(d(2027, 1, 1), 5), d(2027, 1, 8));
    assert_eq!(cal().missing_years(d(2026, 12, 20), d(2027, 1, 10)), [2027]);
    assert_eq!(
        cal().missing_years(d(2027, 1, 10), d(2024, 6, 1)),
        [2024, 2027]
    );
    assert!(
        cal()
            .missing_years(d(2025, 1, 1), d(2026, 12, 31))
            .is_empty()
    );
    let empty = Calendar::default();
    assert_eq!(empty.missing_years(d(2025, 3, 3), d(2025, 3, 3)), [2025]);
    assert!(empty.is_working_day(d(2025, 10, 1)));
}

#[test]
fn fallback_warning_text() {
    assert_eq!(fallback_warning(&[], Lang::Zh), None);
    assert_eq!(
        fallback_warning(&[2027], Lang::Zh).unwrap(),
        "2027 年节假日数据缺失，按周一至周五计算"
    );
    assert_eq!(
        fallback_warning(&[2029, 2024, 2027, 2028], Lang::Zh).unwrap(),
        "2024、2027–2029 年节假日数据缺失，按周一至周五计算"
    );
    let en = fallback_warning(&[2027], Lang::En).unwrap();
    assert!(en.contains("2027") && en.contains("Monday"));
}

#[test]
fn fast_paths_match_day_by_day_over_data_years() {
    let c = cal();
    let mut start = d(2024, 12, 1);
    while start <= d(2027, 1, 31) {
        for n in [0, 1, 2, 3, 5, 7, 10, 15, 23, 40] {
            let end = c.add_working_days(start, n);
            assert_eq!(end, naive_add(c, start, n), "add {start} + {n}");
            assert_eq!(c.working_days_between(start, end), i64::from(n));
            assert_eq!(c.working_days_between(end, start), -i64::from(n));
        }
        for k in (-45..=45).step_by(4) {
            let other = start + chrono::TimeDelta::days(k);
            let want = naive_between(c, start, other);
            assert_eq!(
                c.working_days_between(start, other),
                want,
                "{start}→{other}"
            );
        }
        start = start.succ_opt().unwrap();
    }
}

#[test]
fn weekday_arithmetic_is_aligned_everywhere() {
    let c = Calendar::default();
    for origin in [NaiveDate::MIN, d(-1, 12, 25), d(1, 1, 1), d(1970, 1, 1)] {
        for k in 0..30 {
            let a = origin + chrono::TimeDelta::days(k);
            let b = a + chrono::TimeDelta::days(17);
            assert_eq!(c.working_days_between(a, b), naive_between(&c, a, b), "{a}");
        }
    }
    assert_eq!(d(1, 1, 1).weekday(), Weekday::Mon);
}

#[test]
fn extreme_dates_never_panic() {
    let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
    let c = cal();
    let all = c.working_days_between(min, max);
    assert!(all > 0);
    assert_eq!(c.working_days_between(max, min), -all);
    assert_eq!(c.working_days_between(max, max), 0);
    assert_eq!(c.add_working_days(max, 1), max);
    assert_eq!(c.add_working_days(min, u32::MAX), max);
    assert_eq!(
        c.add_working_days(max - chrono::TimeDelta::days(3), 10),
        max
    );
    let near = c.add_working_days(min, 3);
    assert_eq!(c.working_days_between(min, near), 3);
    // About 68 million working days are left between 2025 and MAX.
    let far = c.add_working_days(d(2025, 1, 1), 50_000_000);
    assert_eq!(c.working_days_between(d(2025, 1, 1), far), 50_000_000);
    assert_eq!(c.add_working_days(d(2025, 1, 1), 100_000_000), max);
    let _ = c.is_working_day(min) || c.is_working_day(max);
}

#[test]
fn bad_data_is_an_error_not_a_panic() {
    let ok = r#"{"years":{"2030":{"holidays":[{"name":"x","days":["2030-01-01"]}]}}}"#;
    let c = Calendar::from_json(ok).unwrap();
    assert!(c.has_data_for(2030) && !c.is_working_day(d(2030, 1, 1)));
    assert!(matches!(
        Calendar::from_json("{ not json"),
        Err(CalendarError::Json(_))
    ));
    assert!(matches!(
        Calendar::from_json(r#"{"years":{"20x5":{}}}"#),
        Err(CalendarError::BadYear(_))
    ));
    let bad_date = r#"{"years":{"2025":{"holidays":[{"name":"x","days":["2025-02-30"]}]}}}"#;
    assert!(matches!(
        Calendar::from_json(bad_date),
        Err(CalendarError::BadDate { year: 2025, .. })
    ));
    let wrong_day = r#"{"years":{"2025":{"workdays":[{"date":"2025-09-28","weekday":"周六"}]}}}"#;
    let err = Calendar::from_json(wrong_day).unwrap_err();
    assert!(matches!(err, CalendarError::WeekdayMismatch { .. }));
    assert!(err.message(Lang::Zh).contains("2025-09-28"));
    let conflict = r#"{"years":{"2025":{"holidays":[{"name":"x","days":["2025-09-28"]}],
        "workdays":[{"date":"2025-09-28","weekday":"星期天"}]}}}"#;
    assert!(matches!(
        Calendar::from_json(conflict),
        Err(CalendarError::Conflict(_))
    ));
}
