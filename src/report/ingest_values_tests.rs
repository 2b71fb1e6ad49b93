//! Unit tests of date, deadline and label parsing.

use super::*;

fn dt(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|x| x.and_hms_opt(h, min, 0))
        .expect("date")
}

fn text(s: &str) -> Cell {
    Cell::Text(s.into())
}

#[test]
fn excel_serial_numbers() {
    // 2026-03-20 is day 46101 counted from 1899-12-30.
    assert_eq!(from_serial(46_101.0), Some(dt(2026, 3, 20, 0, 0)));
    assert_eq!(from_serial(46_101.5), Some(dt(2026, 3, 20, 12, 0)));
    assert_eq!(from_serial(12.0), None, "too early to be a ledger date");
}

#[test]
fn every_date_layout_of_the_spreadsheets() {
    let march5 = Ok(Some(dt(2026, 3, 5, 0, 0)));
    for s in [
        "2026-03-05",
        "2026-3-5",
        "2026/3/5",
        "2026.3.5",
        "2026年3月5日",
        "20260305",
        "46086",
        " 2026年3月5日前 ",
        "２０２６－０３－０５",
    ] {
        assert_eq!(date_time_of(&text(s)), march5, "{s}");
    }
    assert_eq!(date_time_of(&Cell::Number(46_086.0)), march5);
    assert_eq!(date_time_of(&Cell::Number(20_260_305.0)), march5);
    assert_eq!(date_time_of(&Cell::Date(dt(2026, 3, 5, 0, 0))), march5);
    assert_eq!(
        date_time_of(&text("2026-03-05 14:30")),
        Ok(Some(dt(2026, 3, 5, 14, 30)))
    );
    assert_eq!(
        date_time_of(&text("2026-03-05T08:15:00")),
        Ok(Some(dt(2026, 3, 5, 8, 15)))
    );
    assert_eq!(
        date_time_of(&text("2026年3月5日9时30分")),
        Ok(Some(dt(2026, 3, 5, 9, 30)))
    );
    assert_eq!(date_time_of(&Cell::Empty), Ok(None));
    assert_eq!(date_time_of(&text("  ")), Ok(None));
    for bad in [
        "2026-13-45",
        "2026-02-30",
        "下周",
        "3月5日",
        "2026-03-05 25:00",
    ] {
        assert_eq!(date_time_of(&text(bad)), Err(()), "{bad}");
    }
}

#[test]
fn deadlines_as_dates_or_days() {
    use DeadlineSpec::*;
    assert_eq!(deadline_of(&text("15个工作日")), Ok(Some(WorkingDays(15))));
    assert_eq!(
        deadline_of(&text("十五个工作日")),
        Ok(Some(WorkingDays(15)))
    );
    assert_eq!(deadline_of(&text("5 工作日")), Ok(Some(WorkingDays(5))));
    assert_eq!(deadline_of(&text("7天")), Ok(Some(Days(7))));
    assert_eq!(deadline_of(&text("三十日")), Ok(Some(Days(30))));
    assert_eq!(deadline_of(&text("10")), Ok(Some(WorkingDays(10))));
    assert_eq!(deadline_of(&Cell::Number(10.0)), Ok(Some(WorkingDays(10))));
    let d = NaiveDate::from_ymd_opt(2026, 3, 20).expect("date");
    assert_eq!(deadline_of(&text("2026年3月20日前")), Ok(Some(Date(d))));
    assert_eq!(deadline_of(&Cell::Number(46_101.0)), Ok(Some(Date(d))));
    assert_eq!(deadline_of(&Cell::Empty), Ok(None));
    assert_eq!(deadline_of(&text("尽快")), Err(()));
}

#[test]
fn labels_back_to_catalog_codes() {
    let cats = Catalog::builtin().categories(Ledger::Livelihood);
    let code = |s: &str| Label::Code(s.to_owned());
    assert_eq!(match_label(cats, "饮水安全"), code("water"));
    assert_eq!(
        match_label(cats, "住房"),
        code("housing"),
        "a part between /"
    );
    assert_eq!(match_label(cats, "医保"), code("medical"));
    assert_eq!(
        match_label(cats, "道路"),
        code("roads"),
        "the only label it starts"
    );
    assert_eq!(match_label(cats, "water"), code("water"));
    assert_eq!(match_label(cats, "Drinking water"), code("water"));
    assert_eq!(match_label(cats, "水"), Label::Unknown("水".into()));
    assert_eq!(
        match_label(cats, "邻里关系"),
        Label::Unknown("邻里关系".into())
    );
    assert_eq!(match_label(cats, " "), Label::Empty);
    assert_eq!(
        categories(Ledger::Hardship, "因病、因残，缺劳力"),
        [code("illness"), code("disability"), code("no_labour")]
    );
    assert_eq!(
        categories(Ledger::Stability, "土地/林地/宅基地权属"),
        [code("land_rights")]
    );
    assert_eq!(source("12345热线转办"), code("hotline_12345"));
    assert_eq!(source("来访"), code("walk_in"));
    assert_eq!(source("入户走访"), code("visit"));
    assert_eq!(source("院坝会"), code("courtyard"));
    assert_eq!(source("微信群"), Label::Unknown("微信群".into()));
}
