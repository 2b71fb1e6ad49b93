//! Who may export the stability ledger, and arguments refused before anything is written.

use crate::fixture::{self, *};
use crate::numbers;

#[test]
fn the_stability_ledger_is_refused_on_a_cadre_device_and_exported_by_the_office() {
    let env = env("cadre");
    let out = env.out.to_str().expect("utf-8");
    let o = minqing(&env.db, &["report", "--ledger", "稳定", "--out", out]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("稳定工作台账只能在镇党政办或县级设备上导出"),
        "{err}"
    );
    assert!(files(&env.out).is_empty(), "nothing written");

    let office = fixture::env("office");
    let out = office.out.to_str().expect("utf-8");
    let path = report(&office, &["--ledger", "stability", "--out", out]);
    let rows = sheet(&path, "稳定工作台账");
    let h = &rows[2];
    let col = |name: &str| h.iter().position(|c| c == name).expect(name);
    assert_eq!(numbers(&rows), ["两河-2026-0006"]);
    assert_eq!(rows[3][col("类别")], "征地拆迁");
    assert_eq!(rows[3][col("涉及人数")], "12");
    assert_eq!(rows[3][col("风险等级")], "红");
    assert_eq!(rows[3][col("包案领导")], "李强");
    assert_eq!(rows[3][col("稳控/化解措施")], "镇村两级逐户沟通");
}

#[test]
fn bad_arguments_are_refused_in_one_line_and_nothing_is_written() {
    let env = env("office");
    let out = env.out.to_str().expect("utf-8");
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--village", "白虎"],
            "本数据库里没有名为“白虎”的村；是不是：白虎村？",
            "no village named '白虎' in this database; did you mean: 白虎村?",
        ),
        (
            &["--from", "2026-05-01", "--to", "2026-04-01"],
            "--from 2026-05-01 晚于 --to 2026-04-01",
            "--from 2026-05-01 is after --to 2026-04-01",
        ),
        (
            &["--from", "2026-02-30"],
            "--from 的日期“2026-02-30”无效：没有这一天",
            "invalid date '2026-02-30' for --from",
        ),
        (
            &["--to", "明天"],
            "--to 的日期“明天”无效：日期格式应如",
            "invalid date '明天' for --to",
        ),
        (
            &["--village", "赤石村", "--village", "黑龙村"],
            "没有名为“黑龙村”的村",
            "no village named '黑龙村'",
        ),
    ];
    for (args, zh, en) in cases {
        for (lang, want) in [("zh", zh), ("en", en)] {
            let mut all = vec!["--lang", lang, "report", "--ledger", "民生", "--out", out];
            all.extend_from_slice(args);
            let o = minqing(&env.db, &all);
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            let err = text(&o.stderr);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(want), "{lang} {args:?}: {err}");
            assert!(files(&env.out).is_empty(), "nothing written for {args:?}");
        }
    }
    // A usage mistake is exit 1, and so is a file in a folder that does not exist.
    let o = minqing(&env.db, &["report", "--ledger", "账本", "--out", out]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("民生"), "lists the ledger names");
    let missing = env.out.join("没有这个文件夹").join("a.xlsx");
    let o = minqing(
        &env.db,
        &[
            "report",
            "--ledger",
            "民生",
            "--out",
            missing.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("不存在"));
    assert!(files(&env.out).is_empty());
}
