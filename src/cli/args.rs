//! The command line as clap types (SPEC §5); only subcommands that work are listed.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::Ledger;
use crate::i18n::Lang;
use crate::report::Subject;

/// `--ledger` for ingest: a code or a Chinese short name.
fn parse_ledger(s: &str) -> Result<Ledger, String> {
    Ledger::parse(s).ok_or_else(|| "livelihood|hardship|stability (民生/困难/稳定)".to_owned())
}

/// 民情日志: visit diary and the three ledgers for township and village cadres.
#[derive(Debug, Parser)]
#[command(name = "minqing", version, about, long_about = None)]
pub struct Cli {
    /// Database file (default: MINQING_DB, else the platform data folder).
    #[arg(long, global = true, env = "MINQING_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of messages: zh (default) or en.
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: LangArg,

    /// Pretend today is this date (tests and demos that must not depend on the clock).
    #[arg(long, global = true, hide = true, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--lang` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// `report --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Xlsx,
    Csv,
}

/// `report --ledger`: the English codes and the Chinese short names, listed in errors.
fn subject_parser() -> impl clap::builder::TypedValueParser<Value = Subject> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new([
        "livelihood",
        "hardship",
        "stability",
        "diary",
        "民生",
        "困难",
        "稳定",
        "日志",
    ])
    .try_map(|s| Subject::parse(&s).ok_or("unknown ledger"))
}

/// The role of this device (`init --role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Role {
    Cadre,
    Office,
    County,
}

impl Role {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Cadre => "cadre",
            Role::Office => "office",
            Role::County => "county",
        }
    }

    /// The role of a stored code (as on a card), if known.
    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Cadre, Role::Office, Role::County]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a realistic demo database (with --out) or create one in a temporary folder.
    Demo {
        /// Where to write the demo database; refuses an existing file.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Number of households (township ≈ 10000, county ≈ 250000).
        #[arg(long, default_value_t = 3000, value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
        households: u32,
        /// Random seed: the same seed (and day) gives the same data.
        #[arg(long, default_value_t = 2017)]
        seed: u64,
    },
    /// Set up this device: who uses it, for which township and villages.
    Init {
        #[arg(long, value_enum)]
        role: Role,
        /// Your name (shown in timelines and on bundles).
        #[arg(long)]
        name: String,
        /// Township (乡镇) name, e.g. 两河镇.
        #[arg(long)]
        township: String,
        /// Village(s) you cover; repeat for several.
        #[arg(long = "village", value_name = "VILLAGE")]
        villages: Vec<String>,
    },
    /// Write this device's public card (for `peer add` on the other side) and show its fingerprint.
    Card {
        /// The card file to write (JSON).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a bundle of the changes a trusted device has not acknowledged (encrypted to it,
    /// signed by this device); the bundle's path is printed on the last line.
    Export {
        /// A folder (the file is named <township>-<sender>-<yyyymmdd-hhmm>.mqb) or a file.
        #[arg(long, value_name = "DIR|FILE")]
        out: PathBuf,
        /// The receiving device: an id or name from `peer list` (default: the only office).
        #[arg(long, value_name = "PEER")]
        to: Option<String>,
        /// Everything this device holds, not only what the peer lacks.
        #[arg(long)]
        full: bool,
        /// Only these villages; repeat for several.
        #[arg(long = "village", value_name = "VILLAGE")]
        villages: Vec<String>,
    },
    /// Check a bundle completely, back up, and merge it in one transaction.
    Import {
        /// The .mqb file.
        file: PathBuf,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// One JSON object (ops_new, ops_known, conflicts_new, records_changed, …).
        #[arg(long)]
        json: bool,
    },
    /// Bring an existing ledger (Excel/WPS XLSX or CSV in UTF-8 or GBK) into the database:
    /// households and items through the operation log, one line per row saying what was done
    /// or why the row was refused.
    Ingest {
        /// The .xlsx/.xls or .csv file.
        file: PathBuf,
        /// The ledger: livelihood|hardship|stability (or 民生/困难/稳定).
        #[arg(long, value_name = "LEDGER", value_parser = parse_ledger)]
        ledger: Ledger,
        /// Every row belongs to this village (the 村组 column may then hold the group).
        #[arg(long, value_name = "VILLAGE")]
        village: Option<String>,
        /// Report what would be done; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Trusted devices and offices: add a card, list them, remove one.
    Peer {
        #[command(subcommand)]
        action: PeerAction,
    },
    /// Write a ledger (or the diary) as an Excel or CSV report; its path is printed on the
    /// last line. ID numbers and phones are masked unless --unmasked.
    Report {
        /// livelihood | hardship | stability | diary (also 民生 / 困难 / 稳定 / 日志).
        #[arg(long, value_name = "LEDGER", value_parser = subject_parser())]
        ledger: Subject,
        /// xlsx or csv (default: from the --out file name, else xlsx).
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// A folder (the file is named <township>-<ledger>-<yyyymmdd>.<format>) or a file.
        #[arg(long, value_name = "DIR|FILE")]
        out: PathBuf,
        /// Only these villages; repeat for several.
        #[arg(long = "village", value_name = "VILLAGE")]
        villages: Vec<String>,
        /// First day (items by registration date, visits by visit date).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day, included.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Print ID numbers and phones in full (recorded in the access log).
        #[arg(long)]
        unmasked: bool,
    },
    /// Counts by table, ledger, status and overdue.
    Stats {
        /// One JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Verify SQLite integrity and that replaying the log gives exactly the tables.
    Check,
    /// Copy the database to a backup file.
    Backup {
        /// Backup file (default: backups/ beside the database).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Replace the database with a backup (the current one is kept as a safety copy).
    Restore {
        /// The backup file.
        file: PathBuf,
    },
}

/// `peer` subcommands.
#[derive(Debug, Subcommand)]
pub enum PeerAction {
    /// Trust the device of a card file (compare the fingerprint with its owner).
    Add {
        /// The card file (`minqing card --out` on the other device).
        file: PathBuf,
    },
    /// The trusted devices.
    List {
        /// A JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Stop trusting a device.
    Remove {
        /// Its id (from `peer list`) or its name.
        id: String,
    },
}
