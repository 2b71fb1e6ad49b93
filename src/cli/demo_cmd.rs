//! `minqing demo`: write a demo database (to `--out`, or to a fresh temporary folder).

use std::io::IsTerminal;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Context, Failure};
use crate::demo::{DemoParams, generate};
use crate::i18n::{Lang, Localized};
use crate::store::Store;

/// A fresh folder under the system temp dir, so the demo never touches the user's real data.
fn temp_demo_path() -> Result<PathBuf, std::io::Error> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let dir = std::env::temp_dir().join(format!("minqing-demo-{stamp}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join("minqing.db"))
}

pub fn run(ctx: &Context, out: Option<PathBuf>, households: u32, seed: u64) -> Result<(), Failure> {
    let lang = ctx.lang;
    // Without --out on a terminal, the demo opens the TUI on what it wrote; piped, or with
    // --out, it only writes and says where.
    let open_tui = out.is_none() && std::io::stdout().is_terminal();
    let path = match out {
        Some(p) if p.exists() => {
            return Err(Failure::User(match lang {
                Lang::Zh => format!("{} 已存在，演示数据不会覆盖它；请换一个文件名", p.display()),
                Lang::En => format!(
                    "{} already exists and the demo never overwrites a file; choose another name",
                    p.display()
                ),
            }));
        }
        Some(p) => p,
        None => temp_demo_path().map_err(|e| Failure::User(e.to_string()))?,
    };
    let mut store = Store::open(&path).map_err(|e| Failure::store(&e, lang))?;
    // Hidden when stderr is not a terminal, so piped output stays clean.
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(lang.pick("生成演示数据（按村）", "generating demo data (by village)"));
    let params = DemoParams {
        households,
        seed,
        today: ctx.today,
    };
    let summary = generate(&mut store, &params, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .map_err(|e| Failure::store(&e, lang));
    bar.finish_and_clear();
    let summary = match summary {
        Ok(s) => s,
        Err(f) => {
            drop(store);
            let _ = std::fs::remove_file(&path);
            return Err(f);
        }
    };
    let s = &summary;
    let counts = [
        (s.townships, "个乡镇", "townships"),
        (s.villages, "个村", "villages"),
        (s.households, "户", "households"),
        (s.persons, "人", "persons"),
        (s.visits, "条走访", "visits"),
        (s.items, "件台账事项", "ledger items"),
        (s.progress, "条办理进展", "progress events"),
    ]
    .map(|(n, zh, en)| match lang {
        Lang::Zh => format!("{n} {zh}"),
        Lang::En => format!("{n} {en}"),
    });
    println!(
        "{}{}",
        lang.pick("演示数据：", "demo data: "),
        counts.join(lang.pick("、", ", "))
    );
    if open_tui {
        crate::tui::run(store, lang, ctx.today).map_err(|e| Failure::User(e.message(lang)))?;
    }
    println!(
        "{}{}",
        lang.pick("已写入演示数据库：", "demo database written to "),
        path.display()
    );
    Ok(())
}
