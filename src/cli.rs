//! The command line: parse, pick the database and language, run a subcommand, and turn every
//! failure into one line in the user's language with the exit code of SPEC §5.

mod args;
mod commands;
mod demo_cmd;
mod ingest_cmd;
mod peers_cmd;
mod report_cmd;
mod sync_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

pub use args::{Cli, Command, PeerAction, Role};

use crate::i18n::{Lang, Localized};
use crate::store::StoreError;

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// Something the user can fix (exit 1).
    User(String),
    /// Data was refused: a failed check, a bad file (exit 2).
    Refused(String),
}

impl Failure {
    /// A store error in the user's language.
    pub fn store(e: &StoreError, lang: Lang) -> Failure {
        if e.is_user_error() {
            Failure::User(e.message(lang))
        } else {
            Failure::Refused(e.message(lang))
        }
    }
}

/// What every command gets: the parsed flags, resolved.
pub struct Context {
    pub lang: Lang,
    pub db: PathBuf,
    pub today: NaiveDate,
}

/// The process entry point.
pub fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().collect();
    let cli = match Cli::try_parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) => return clap_failure(&e, guess_lang(&raw)),
    };
    let lang: Lang = cli.lang.into();
    let db = match cli.db.clone().or_else(default_db) {
        Some(db) => db,
        None => {
            return fail(Failure::User(
                lang.pick(
                    "找不到本机数据目录，请用 --db 指定数据库文件",
                    "cannot find the data folder; give a database file with --db",
                )
                .into(),
            ));
        }
    };
    let ctx = Context {
        lang,
        db,
        today: cli.today.unwrap_or_else(|| Local::now().date_naive()),
    };
    let result = match cli.command {
        None => crate::store::Store::open(&ctx.db)
            .map_err(|e| Failure::store(&e, ctx.lang))
            .and_then(|store| {
                crate::tui::run(store, ctx.lang, ctx.today)
                    .map_err(|e| Failure::User(e.message(ctx.lang)))
            }),
        Some(Command::Demo {
            out,
            households,
            seed,
        }) => demo_cmd::run(&ctx, out, households, seed),
        Some(Command::Init {
            role,
            name,
            township,
            villages,
        }) => commands::init(&ctx, role, &name, &township, &villages),
        Some(Command::Card { out }) => peers_cmd::card(&ctx, &out),
        Some(Command::Peer { action }) => match action {
            PeerAction::Add { file } => peers_cmd::add(&ctx, &file),
            PeerAction::List { json } => peers_cmd::list(&ctx, json),
            PeerAction::Remove { id } => peers_cmd::remove(&ctx, &id),
        },
        Some(Command::Export {
            out,
            to,
            full,
            villages,
        }) => sync_cmd::export(&ctx, &out, to.as_deref(), full, &villages),
        Some(Command::Import {
            file,
            dry_run,
            json,
        }) => sync_cmd::import(&ctx, &file, dry_run, json),
        Some(Command::Report {
            ledger,
            format,
            out,
            villages,
            from,
            to,
            unmasked,
        }) => report_cmd::run(
            &ctx,
            &report_cmd::Args {
                subject: ledger,
                format,
                out,
                villages,
                from,
                to,
                unmasked,
            },
        ),
        Some(Command::Ingest {
            file,
            ledger,
            village,
            dry_run,
        }) => ingest_cmd::run(&ctx, &file, ledger, village, dry_run),
        Some(Command::Stats { json }) => commands::stats(&ctx, json),
        Some(Command::Check) => commands::check(&ctx),
        Some(Command::Backup { out }) => commands::backup(&ctx, out),
        Some(Command::Restore { file }) => commands::restore(&ctx, &file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => fail(f),
    }
}

fn fail(f: Failure) -> ExitCode {
    match f {
        Failure::User(m) => {
            eprintln!("minqing: {m}");
            ExitCode::from(1)
        }
        Failure::Refused(m) => {
            eprintln!("minqing: {m}");
            ExitCode::from(2)
        }
    }
}

/// The platform data folder's `minqing.db` (SPEC §5).
fn default_db() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "minqing", "minqing")
        .map(|d| d.data_dir().join("minqing.db"))
}

/// The language asked for, read before clap has parsed (its own errors need it).
fn guess_lang(raw: &[String]) -> Lang {
    let en = raw.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || raw.iter().any(|a| a == "--lang=en");
    if en { Lang::En } else { Lang::Zh }
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Help and version print as clap does; a mistake becomes one line and exit code 1.
fn clap_failure(e: &clap::Error, lang: Lang) -> ExitCode {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let valid = context(e, ContextKind::ValidValue);
    let msg = match (e.kind(), lang) {
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, Lang::Zh) => {
            let mut m = format!("参数 {arg} 的值“{value}”无效");
            if !valid.is_empty() {
                m.push_str(&format!("，可选：{valid}"));
            }
            m
        }
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, Lang::En) => {
            let mut m = format!("invalid value '{value}' for {arg}");
            if !valid.is_empty() {
                m.push_str(&format!(" (possible values: {valid})"));
            }
            m
        }
        (ErrorKind::UnknownArgument, Lang::Zh) => format!("不认识的参数 {arg}"),
        (ErrorKind::UnknownArgument, Lang::En) => format!("unknown argument {arg}"),
        (ErrorKind::InvalidSubcommand, Lang::Zh) => {
            format!(
                "没有这个命令：{}",
                context(e, ContextKind::InvalidSubcommand)
            )
        }
        (ErrorKind::InvalidSubcommand, Lang::En) => {
            format!(
                "no such command: {}",
                context(e, ContextKind::InvalidSubcommand)
            )
        }
        (ErrorKind::MissingRequiredArgument, Lang::Zh) => format!("缺少必填参数 {arg}"),
        (ErrorKind::MissingRequiredArgument, Lang::En) => {
            format!("missing required argument {arg}")
        }
        _ => e
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_string(),
    };
    let hint = lang.pick(
        "；运行 minqing --help 查看用法",
        "; run minqing --help for usage",
    );
    eprintln!("minqing: {msg}{hint}");
    ExitCode::from(1)
}
