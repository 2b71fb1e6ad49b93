use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::i18n::{Lang, Localized};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

fn kind<T: std::fmt::Debug>(r: Result<T, FieldError>) -> FieldErrorKind {
    r.expect_err("should be refused").kind
}

/// Builds an ID number with a correct check character for the given first 17 digits.
fn with_check(first17: &str) -> String {
    let c = id_check_char(first17).expect("17 digits");
    format!("{first17}{c}")
}

// ---- ID numbers -------------------------------------------------------------------------

#[test]
fn id_valid_vector_parses_with_birth_sex_and_region() {
    let id = parse_id_number("id_number", "11010519491231002X").expect("valid");
    assert_eq!(id.as_str(), "11010519491231002X");
    assert_eq!(id.birth_date(), date(1949, 12, 31));
    assert!(id.is_female(), "17th digit 2 is even");
    assert_eq!(id.region(), "110105");
    assert_eq!(id.masked(), "110105********002X");
    assert_eq!(id_check_char("11010519491231002"), Some('X'));

    let male = parse_id_number("id_number", &with_check("11010519800101001")).expect("valid");
    assert!(!male.is_female(), "17th digit 1 is odd");
}

#[test]
fn id_standard_example_of_1880_is_valid() {
    // 440524188001010014 is the example printed in GB 11643-1999 itself.
    assert_eq!(id_check_char("44052418800101001"), Some('4'));
    let example = parse_id_number("id_number", "440524188001010014").expect("GB 11643 example");
    assert_eq!(example.birth_date(), date(1880, 1, 1));
    assert!(!example.is_female());
    // The same person moved to 1980 is accepted once the check character is recomputed.
    let moved = with_check("44052419800101001");
    let id = parse_id_number("id_number", &moved).expect("valid");
    assert_eq!(id.birth_date(), date(1980, 1, 1));
    assert_eq!(id.region(), "440524");
    assert!(!id.is_female());
}

#[test]
fn id_lowercase_x_spaces_and_full_width_are_normalised() {
    for input in [
        "11010519491231002x",
        "  11010519491231002x\n",
        "110105 19491231 002X",
        "１１０１０５１９４９１２３１００２ｘ",
    ] {
        let id = parse_id_number("id_number", input).expect(input);
        assert_eq!(id.as_str(), "11010519491231002X", "{input}");
    }
    let via_try_from = IdNumber::try_from("11010519491231002x".to_owned()).expect("valid");
    assert_eq!(String::from(via_try_from), "11010519491231002X");
}

#[test]
fn id_wrong_check_char_reports_the_expected_one() {
    let e = parse_id_number("id_number", "110105194912310021").expect_err("wrong check");
    assert_eq!(e.field, "id_number");
    assert_eq!(e.kind, FieldErrorKind::IdNumberCheck { expected: 'X' });
    assert!(e.message(Lang::Zh).contains("应为 X"));
    assert!(e.message(Lang::En).contains("expected X"));
    let expected = id_check_char("44052419800101001").expect("digits");
    let wrong = if expected == '0' { '1' } else { '0' };
    assert_eq!(
        kind(parse_id_number("f", &format!("44052419800101001{wrong}"))),
        FieldErrorKind::IdNumberCheck { expected }
    );
}

#[test]
fn id_impossible_or_too_early_birth_date_is_refused() {
    for first17 in [
        "11010519490231002", // 31 February
        "11010519491301002", // month 13
        "11010519490000002", // month 0
        "11010520230229002", // 2023 is not a leap year
        "11010517991231002", // before 1800
    ] {
        let id = with_check(first17);
        assert_eq!(
            kind(parse_id_number("id_number", &id)),
            FieldErrorKind::IdNumberBirthDate,
            "{id}"
        );
    }
    assert!(parse_id_number("id_number", &with_check("11010518000101002")).is_ok());
    assert!(parse_id_number("id_number", &with_check("11010520240229002")).is_ok());
}

#[test]
fn id_wrong_length_is_refused_with_the_count() {
    for (input, got) in [
        ("11010519491231002", 17),
        ("11010519491231002X1", 19),
        ("110105491231002", 15),
        ("王五", 2),
    ] {
        assert_eq!(
            kind(parse_id_number("id_number", input)),
            FieldErrorKind::IdNumberLength { got },
            "{input}"
        );
    }
    let old = FieldErrorKind::IdNumberLength { got: 15 };
    assert!(old.message(Lang::Zh).contains("15 位"));
    assert_eq!(
        kind(parse_id_number("id_number", "  ")),
        FieldErrorKind::Required
    );
}

#[test]
fn id_letters_in_the_body_are_refused() {
    for input in [
        "1101051949123100XX",
        "11010A19491231002X",
        "11010519491231002Y",
        "11010519491231002-",
        "110105１９４９１２３１00２Z",
    ] {
        assert_eq!(
            kind(parse_id_number("id_number", input)),
            FieldErrorKind::IdNumberCharacters,
            "{input}"
        );
    }
}

#[test]
fn id_check_char_needs_exactly_17_ascii_digits() {
    assert_eq!(id_check_char("1101051949123100"), None);
    assert_eq!(id_check_char("110105194912310021"), None);
    assert_eq!(id_check_char("1101051949123100A"), None);
    assert_eq!(id_check_char("１１０１０５１９４９１２３１００２"), None);
    assert_eq!(id_check_char(""), None);
}

// ---- Mobile -----------------------------------------------------------------------------

#[test]
fn mobile_accepts_common_ways_of_writing_it() {
    for (input, want) in [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("86 13812345678", "13812345678"),
        ("0086 199 1234 5678", "19912345678"),
        ("１３８１２３４５６７８", "13812345678"),
        (" 138-1234-5678 ", "13812345678"),
    ] {
        assert_eq!(parse_mobile("phone", input).as_deref(), Ok(want), "{input}");
    }
}

#[test]
fn mobile_refuses_wrong_length_prefix_or_letters() {
    for input in [
        "138123456789",
        "1381234567",
        "12812345678",
        "10812345678",
        "23812345678",
        "1381234567a",
        "138 1234 567O",
        "86138123456",
        "+8713812345678",
        "010-12345678",
    ] {
        assert_eq!(
            kind(parse_mobile("phone", input)),
            FieldErrorKind::MobileFormat,
            "{input}"
        );
    }
    assert_eq!(kind(parse_mobile("phone", " - ")), FieldErrorKind::Required);
}

// ---- Dates ------------------------------------------------------------------------------

#[test]
fn date_accepts_every_layout() {
    for input in [
        "2026-03-05",
        "2026-3-5",
        "2026/3/5",
        "2026/03/05",
        "2026.3.5",
        "2026年3月5日",
        "2026年03月05日",
        "2026 年 3 月 5 日",
        "2026年3月5号",
        "20260305",
        "２０２６年３月５日",
        "２０２６－０３－０５",
        "  2026-03-05\t",
    ] {
        assert_eq!(
            parse_date("visit_date", input),
            Ok(date(2026, 3, 5)),
            "{input}"
        );
    }
    assert_eq!(parse_date("d", "2024-02-29"), Ok(date(2024, 2, 29)));
}

#[test]
fn date_refuses_impossible_days_and_bad_layouts() {
    for input in [
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "20260230",
        "2026年4月31日",
    ] {
        assert_eq!(
            kind(parse_date("d", input)),
            FieldErrorKind::DateNonexistent,
            "{input}"
        );
    }
    for input in [
        "26-3-5",
        "2026-3",
        "2026-3-5-1",
        "2026-3/5",
        "2026-003-05",
        "2026-03-05 10:00",
        "2026年3月",
        "3月5日",
        "2026305",
        "abc",
        "2026--5",
        "+2026-3-5",
    ] {
        assert_eq!(
            kind(parse_date("d", input)),
            FieldErrorKind::DateFormat,
            "{input}"
        );
    }
    assert_eq!(kind(parse_date("d", "　")), FieldErrorKind::Required);
}

#[test]
fn date_range_is_the_callers() {
    let today = date(2026, 3, 5);
    assert_eq!(
        parse_date_between("visit_date", "2026-3-5", EARLIEST_DATE, today),
        Ok(today)
    );
    assert_eq!(
        parse_date_between("visit_date", "1900-01-01", EARLIEST_DATE, today),
        Ok(EARLIEST_DATE)
    );
    let range = FieldErrorKind::DateOutOfRange {
        min: EARLIEST_DATE,
        max: today,
    };
    for input in ["1899-12-31", "2026-03-06", "9999-12-31", "0001-01-01"] {
        assert_eq!(
            kind(parse_date_between(
                "visit_date",
                input,
                EARLIEST_DATE,
                today
            )),
            range,
            "{input}"
        );
    }
    assert!(range.message(Lang::Zh).contains("1900-01-01"));
    assert!(range.message(Lang::En).contains("2026-03-05"));
    assert_eq!(
        check_date_range("d", today, today, today),
        Ok(today),
        "bounds are inclusive"
    );
}

// ---- Numbers ----------------------------------------------------------------------------

#[test]
fn count_accepts_plain_grouped_and_unit_suffixed() {
    for (input, want) in [
        ("30", 30),
        ("0", 0),
        ("007", 7),
        ("1,200", 1200),
        ("1,234,567", 1_234_567),
        ("30户", 30),
        ("12 人", 12),
        ("３０户", 30),
        ("4294967295", u32::MAX),
    ] {
        assert_eq!(parse_count("households", input), Ok(want), "{input}");
    }
}

#[test]
fn count_refusals_say_why() {
    let cases = [
        ("12.5", FieldErrorKind::NotInteger),
        ("12.0", FieldErrorKind::NotInteger),
        ("-3", FieldErrorKind::Negative),
        ("abc", FieldErrorKind::NumberFormat),
        ("1,20", FieldErrorKind::NumberFormat),
        ("1234,567", FieldErrorKind::NumberFormat),
        (",123", FieldErrorKind::NumberFormat),
        ("1 200", FieldErrorKind::NumberFormat),
        ("十二", FieldErrorKind::NumberFormat),
        ("4294967296", FieldErrorKind::NumberTooLarge),
        ("", FieldErrorKind::Required),
        ("户", FieldErrorKind::Required),
    ];
    for (input, want) in cases {
        assert_eq!(kind(parse_count("people", input)), want, "{input}");
    }
}

#[test]
fn amount_is_returned_in_fen() {
    for (input, want) in [
        ("1200", 120_000),
        ("1,200.50", 120_050),
        ("1200元", 120_000),
        ("1200.5 元", 120_050),
        ("¥1,200.05", 120_005),
        ("￥0.05", 5),
        ("０.５元", 50),
        ("0", 0),
        ("１，２００．５０元", 120_050),
    ] {
        assert_eq!(parse_amount_yuan("amount", input), Ok(want), "{input}");
    }
}

#[test]
fn amount_refusals_say_why() {
    let cases = [
        ("1.234", FieldErrorKind::TooManyDecimals),
        ("-5", FieldErrorKind::Negative),
        ("-1,200.50元", FieldErrorKind::Negative),
        ("1,5", FieldErrorKind::NumberFormat),
        ("12.", FieldErrorKind::NumberFormat),
        (".5", FieldErrorKind::NumberFormat),
        ("1e3", FieldErrorKind::NumberFormat),
        ("1.2.3", FieldErrorKind::NumberFormat),
        ("一千", FieldErrorKind::NumberFormat),
        ("99999999999999999999", FieldErrorKind::NumberTooLarge),
        ("92233720368547758.08", FieldErrorKind::NumberTooLarge),
        ("元", FieldErrorKind::Required),
    ];
    for (input, want) in cases {
        assert_eq!(kind(parse_amount_yuan("amount", input)), want, "{input}");
    }
    assert_eq!(
        parse_amount_yuan("amount", "92233720368547758.07"),
        Ok(i64::MAX)
    );
}

// ---- Text -------------------------------------------------------------------------------

#[test]
fn normalize_text_is_canonical() {
    assert_eq!(normalize_text("  e\u{301}  "), "\u{e9}");
    assert_eq!(normalize_text("　王　五　"), "王 五");
    assert_eq!(
        normalize_text("第一行\r\n第二行\r第三行\n"),
        "第一行\n第二行\n第三行"
    );
    assert_eq!(normalize_text("\u{feff}张\u{200b}三\u{a0}"), "张三");
    assert_eq!(
        normalize_text("\u{1100}\u{1161}"),
        "\u{ac00}",
        "Hangul jamo compose"
    );
}

#[test]
fn require_and_length_limits_count_characters() {
    assert_eq!(require("name", " 王五 ").as_deref(), Ok("王五"));
    assert_eq!(
        kind(require("name", "　\r\n\u{200b}")),
        FieldErrorKind::Required
    );
    assert_eq!(require("name", "x").map(|_| ()), Ok(()));
    assert_eq!(limit_chars("note", "", 3).as_deref(), Ok(""));
    assert_eq!(limit_chars("note", "欧阳修", 3).as_deref(), Ok("欧阳修"));
    assert_eq!(
        kind(limit_chars("note", "欧阳修文", 3)),
        FieldErrorKind::TooLong { max_chars: 3 }
    );
    assert_eq!(require_within("name", " 王五 ", 2).as_deref(), Ok("王五"));
    assert_eq!(
        kind(require_within("name", "", 2)),
        FieldErrorKind::Required
    );
    let e = require_within("name", "王小五", 2).expect_err("too long");
    assert_eq!(
        (e.field, e.kind),
        ("name", FieldErrorKind::TooLong { max_chars: 2 })
    );
}

// ---- Masking ----------------------------------------------------------------------------

#[test]
fn mask_id_number_keeps_first_six_and_last_four() {
    assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
    assert_eq!(mask_id_number(" 440524188001010014 "), "440524********0014");
    // A 15-digit old number and fragments keep proportionally less.
    assert_eq!(mask_id_number("110105491231002"), "11010*******002");
    assert_eq!(mask_id_number("1234"), "1***");
    assert_eq!(mask_id_number("1"), "*");
    assert_eq!(mask_id_number(""), "");
    assert_eq!(mask_id_number("身份证号不详"), "身份***详");
}

#[test]
fn mask_phone_keeps_first_three_and_last_four() {
    assert_eq!(mask_phone("13812345678"), "138****5678");
    assert_eq!(mask_phone("+8613812345678"), "+86*******5678");
    assert_eq!(mask_phone("5551234"), "5****34");
    assert_eq!(mask_phone("12"), "**");
    assert_eq!(mask_phone(""), "");
    assert_eq!(mask_phone("无电话"), "**话");
}

#[test]
fn mask_name_keeps_the_surname_only() {
    for (input, want) in [
        ("王五", "王*"),
        ("张小明", "张**"),
        ("欧阳修", "欧阳*"),
        ("欧阳娜娜", "欧阳**"),
        ("司马相如", "司马**"),
        ("欧阳", "欧*"),
        ("王", "*"),
        ("", ""),
        (" 李四 ", "李*"),
        ("阿卜杜拉·买买提", "阿*******"),
        ("John Smith", "J*********"),
    ] {
        assert_eq!(mask_name(input), want, "{input}");
    }
}

// ---- Messages ---------------------------------------------------------------------------

fn every_kind() -> Vec<FieldErrorKind> {
    use FieldErrorKind as K;
    vec![
        K::Required,
        K::TooLong { max_chars: 50 },
        K::IdNumberLength { got: 17 },
        K::IdNumberLength { got: 15 },
        K::IdNumberCharacters,
        K::IdNumberBirthDate,
        K::IdNumberCheck { expected: 'X' },
        K::MobileFormat,
        K::DateFormat,
        K::DateNonexistent,
        K::DateOutOfRange {
            min: EARLIEST_DATE,
            max: date(2026, 3, 5),
        },
        K::NumberFormat,
        K::NotInteger,
        K::Negative,
        K::TooManyDecimals,
        K::NumberTooLarge,
    ]
}

#[test]
fn every_kind_has_distinct_one_line_messages_in_both_languages() {
    let kinds = every_kind();
    let zh: Vec<String> = kinds.iter().map(|k| k.message(Lang::Zh)).collect();
    let en: Vec<String> = kinds.iter().map(|k| k.message(Lang::En)).collect();
    for ((k, z), e) in kinds.iter().zip(&zh).zip(&en) {
        assert!(!z.trim().is_empty() && !e.trim().is_empty(), "{k:?}");
        assert_ne!(z, e, "{k:?}");
        assert!(!z.contains('\n') && !e.contains('\n'), "{k:?}");
        assert!(
            z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{k:?}"
        );
        assert!(e.starts_with(|c: char| c.is_ascii_uppercase()), "{k:?}");
    }
    for (i, k) in kinds.iter().enumerate() {
        for j in i + 1..kinds.len() {
            assert_ne!(zh[i], zh[j], "{k:?} vs {:?}", kinds[j]);
            assert_ne!(en[i], en[j], "{k:?} vs {:?}", kinds[j]);
        }
    }
}

#[test]
fn field_error_message_and_display() {
    let e = FieldError {
        field: "phone",
        kind: FieldErrorKind::MobileFormat,
    };
    assert_eq!(
        e.message(Lang::Zh),
        FieldErrorKind::MobileFormat.message(Lang::Zh)
    );
    assert_eq!(
        e.message(Lang::En),
        FieldErrorKind::MobileFormat.message(Lang::En)
    );
    assert_eq!(
        e.to_string(),
        format!("phone: {}", FieldErrorKind::MobileFormat.message(Lang::En))
    );
    assert_eq!(kind(parse_mobile("phone", "x")), e.kind);
    assert_eq!(parse_mobile("phone", "x").expect_err("bad").field, "phone");
}

// ---- Properties -------------------------------------------------------------------------

/// 17 digits with a real birth date from 1900 to 2099: region, date, sequence.
fn first17() -> impl Strategy<Value = (String, NaiveDate, u32)> {
    let days = (date(2099, 12, 31) - EARLIEST_DATE).num_days();
    ("[0-9]{6}", 0..=days, 0u32..1000).prop_map(|(region, offset, seq)| {
        let birth = EARLIEST_DATE + chrono::Duration::days(offset);
        let digits = format!("{region}{}{seq:03}", birth.format("%Y%m%d"));
        (digits, birth, seq)
    })
}

proptest! {
    #[test]
    fn prop_built_ids_parse((digits, birth, seq) in first17()) {
        let check = id_check_char(&digits).expect("17 digits");
        let id = parse_id_number("id_number", &format!("{digits}{check}")).expect("valid");
        prop_assert_eq!(id.birth_date(), birth);
        prop_assert_eq!(id.is_female(), seq % 2 == 0);
        prop_assert_eq!(id.region(), &digits[..6]);
        let lower = format!("{digits}{}", check.to_ascii_lowercase());
        prop_assert_eq!(parse_id_number("id_number", &lower), Ok(id));
    }

    #[test]
    fn prop_any_other_check_char_fails((digits, _, _) in first17()) {
        let check = id_check_char(&digits).expect("17 digits");
        for other in "0123456789X".chars().filter(|c| *c != check) {
            prop_assert_eq!(
                kind(parse_id_number("id_number", &format!("{digits}{other}"))),
                FieldErrorKind::IdNumberCheck { expected: check }
            );
        }
    }

    #[test]
    fn prop_masks_never_reveal_more_than_stated(s in any::<String>(), cjk in "[一-龥·a-z0-9 ]{0,24}") {
        for input in [s.as_str(), cjk.as_str()] {
            let norm: Vec<char> = normalize_text(input).chars().collect();
            for (masked, limit) in [
                (mask_id_number(input), 10),
                (mask_phone(input), 7),
                (mask_name(input), 2),
            ] {
                let out: Vec<char> = masked.chars().collect();
                prop_assert_eq!(out.len(), norm.len());
                let shown = out.iter().zip(&norm).filter(|(o, n)| o == n && **o != '*').count();
                let hidden_or_same = out.iter().zip(&norm).all(|(o, n)| o == n || *o == '*');
                prop_assert!(hidden_or_same, "{:?} -> {:?}", input, masked);
                prop_assert!(shown <= limit, "{:?} -> {:?}", input, masked);
                if !norm.is_empty() {
                    prop_assert!(out.contains(&'*'), "{:?} -> {:?}", input, masked);
                }
            }
        }
    }

    #[test]
    fn prop_normalize_text_is_idempotent(s in any::<String>()) {
        let once = normalize_text(&s);
        prop_assert_eq!(normalize_text(&once), once);
    }

    #[test]
    fn prop_dates_round_trip_in_every_layout(offset in 0i64..200_000) {
        let d = EARLIEST_DATE + chrono::Duration::days(offset);
        for layout in ["%Y-%m-%d", "%Y-%-m-%-d", "%Y/%-m/%-d", "%Y.%-m.%-d", "%Y年%-m月%-d日", "%Y%m%d"] {
            let text = d.format(layout).to_string();
            prop_assert_eq!(parse_date("d", &text), Ok(d), "{}", text);
        }
    }

    #[test]
    fn prop_amounts_round_trip(fen in 0i64..1_000_000_000_000) {
        let (yuan, cents) = (fen / 100, fen % 100);
        prop_assert_eq!(parse_amount_yuan("a", &format!("{yuan}.{cents:02}元")), Ok(fen));
        let mut grouped = String::new();
        for (i, c) in yuan.to_string().chars().enumerate() {
            let left = yuan.to_string().len() - i;
            if i > 0 && left % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        prop_assert_eq!(parse_amount_yuan("a", &format!("{grouped}.{cents:02}")), Ok(fen));
    }
}

#[test]
fn id_number_deserialises_only_when_valid() {
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as DeError, StringDeserializer};
    let de = |s: &str| -> StringDeserializer<DeError> { s.to_owned().into_deserializer() };
    let id = IdNumber::deserialize(de("11010519491231002x")).expect("valid");
    assert_eq!(id.as_str(), "11010519491231002X");
    let bad = IdNumber::deserialize(de("110105194912310021")).expect_err("wrong check");
    assert!(bad.to_string().contains("expected X"), "{bad}");
}
