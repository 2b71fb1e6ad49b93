//! The file-level texts of `minqing ingest`: what was read and which columns were
//! recognised, the summary line, and the one line for a file that is not a ledger.

use super::ingest::{Counts, IngestError, IngestReport};
use super::ingest_headers::{Field, Synonyms};
use super::ingest_read::{ReadError, SourceFormat};
use crate::i18n::{Lang, Localized};

fn format_label(f: SourceFormat, lang: Lang) -> &'static str {
    match f {
        SourceFormat::Workbook => lang.pick("Excel/WPS 工作簿", "Excel/WPS workbook"),
        SourceFormat::CsvUtf8 => lang.pick("CSV（UTF-8 编码）", "CSV (UTF-8)"),
        SourceFormat::CsvUtf8Bom => lang.pick("CSV（UTF-8 编码，带 BOM）", "CSV (UTF-8 with BOM)"),
        SourceFormat::CsvGbk => lang.pick("CSV（GBK 编码）", "CSV (GBK)"),
    }
}

/// The lines before the rows: what was read and which columns were recognised.
pub fn head_lines(r: &IngestReport, file: &str, lang: Lang) -> Vec<String> {
    let syn = Synonyms::builtin();
    let fmt = format_label(r.format, lang);
    let sheet = r.sheet.as_deref().map_or(String::new(), |s| match lang {
        Lang::Zh => format!("，工作表“{s}”"),
        Lang::En => format!(", sheet \"{s}\""),
    });
    let row = r.header_row;
    let mut out = vec![match lang {
        Lang::Zh => format!("读取 {file}：{fmt}{sheet}，表头在第 {row} 行"),
        Lang::En => format!("read {file}: {fmt}{sheet}, header on row {row}"),
    }];
    let cols: Vec<String> = r
        .columns
        .iter()
        .map(|c| {
            let label = syn.label(c.field);
            if c.header == label {
                label.to_owned()
            } else {
                format!("{}→{label}", c.header)
            }
        })
        .collect();
    out.push(format!(
        "{}{}",
        lang.pick("识别的列：", "columns: "),
        cols.join(lang.pick("、", ", "))
    ));
    let has = |f: Field| r.columns.iter().any(|c| c.field == f);
    if !has(Field::Category) {
        out.push(
            lang.pick(
                "表中没有类别列：事项都记为“其他”",
                "no category column: every item is recorded as other",
            )
            .into(),
        );
    }
    if !has(Field::RegisteredAt) {
        out.push(
            lang.pick(
                "表中没有登记日期列：事项都按今天登记",
                "no registration date column: every item is registered today",
            )
            .into(),
        );
    }
    if !r.ignored.is_empty() {
        out.push(format!(
            "{}{}",
            lang.pick(
                "未识别的列（不导入）：",
                "columns not recognised (not imported): "
            ),
            r.ignored.join(lang.pick("、", ", "))
        ));
    }
    out
}

/// The last line.
pub fn summary(c: &Counts, dry_run: bool, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let verb = if dry_run { "将新建" } else { "新建" };
            let tail = if dry_run {
                "；试导入，未写入任何数据"
            } else if c.created > 0 {
                "；已在一个事务中写入"
            } else {
                "；没有写入"
            };
            format!(
                "合计：{verb}事项 {} 件、{verb}农户 {} 户，已有 {} 行，重复 {} 行，跳过 {} 行，拒绝 {} 行{tail}",
                c.created, c.new_households, c.existing, c.duplicates, c.skipped, c.refused
            )
        }
        Lang::En => {
            let verb = if dry_run { "would create" } else { "created" };
            let tail = if dry_run {
                "; dry run, nothing written"
            } else if c.created > 0 {
                "; written in one transaction"
            } else {
                "; nothing written"
            };
            format!(
                "total: {verb} {} items and {} households; {} already there, {} duplicates, {} skipped, {} refused{tail}",
                c.created, c.new_households, c.existing, c.duplicates, c.skipped, c.refused
            )
        }
    }
}

fn synonyms_of(f: Field, lang: Lang) -> String {
    let syn = Synonyms::builtin();
    let list: Vec<&str> = syn
        .fields
        .get(&f)
        .map(|v| v.iter().take(5).map(String::as_str).collect())
        .unwrap_or_default();
    list.join(lang.pick("/", "/"))
}

/// The one line for a file that cannot be imported at all.
pub fn error(e: &IngestError, file: &str, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match e {
        IngestError::Read(ReadError::Io(e)) if zh => format!("读不了 {file}：{e}"),
        IngestError::Read(ReadError::Io(e)) => format!("cannot read {file}: {e}"),
        IngestError::Read(ReadError::Empty) if zh => format!("{file} 是空文件，不是台账"),
        IngestError::Read(ReadError::Empty) => format!("{file} is empty: not a ledger"),
        IngestError::Read(ReadError::Binary) if zh => format!(
            "{file} 不是台账：既不是 Excel/WPS 表格，也不是 CSV 文本（可能是图片或其他文件）"
        ),
        IngestError::Read(ReadError::Binary) => format!(
            "{file} is not a ledger: neither an Excel/WPS workbook nor CSV text (an image or another kind of file?)"
        ),
        IngestError::Read(ReadError::Workbook(m)) if zh => {
            format!("{file} 不是台账：工作簿已损坏或无法读取（{m}）")
        }
        IngestError::Read(ReadError::Workbook(m)) => {
            format!("{file} is not a ledger: a damaged or unreadable workbook ({m})")
        }
        IngestError::Read(ReadError::NoData) if zh => format!("{file} 不是台账：工作表都是空的"),
        IngestError::Read(ReadError::NoData) => {
            format!("{file} is not a ledger: every sheet is empty")
        }
        IngestError::NoHeader if zh => format!(
            "{file} 不是台账：前 10 行中找不到表头（应有 反映人、诉求内容、联系电话、村组 等列）"
        ),
        IngestError::NoHeader => format!(
            "{file} is not a ledger: no header row in its first 10 rows (columns such as 反映人, 诉求内容, 联系电话, 村组)"
        ),
        IngestError::MissingColumns(fields) => {
            let list: Vec<String> = fields
                .iter()
                .map(|f| {
                    let label = Synonyms::builtin().label(*f);
                    match lang {
                        Lang::Zh => format!("“{label}”（可写作 {}）", synonyms_of(*f, lang)),
                        Lang::En => format!("'{label}' (also {})", synonyms_of(*f, lang)),
                    }
                })
                .collect();
            match lang {
                Lang::Zh => format!("{file} 缺少必需的列：{}", list.join("、")),
                Lang::En => format!("{file} lacks required columns: {}", list.join(", ")),
            }
        }
        IngestError::UnknownVillage(v) if zh => format!("--village：数据库中没有村“{v}”"),
        IngestError::UnknownVillage(v) => format!("--village: no village '{v}' in the database"),
        IngestError::AmbiguousVillage(v, t) if zh => {
            format!("--village：村名“{v}”在多个乡镇都有（{}）", t.join("、"))
        }
        IngestError::AmbiguousVillage(v, t) => format!(
            "--village: village '{v}' exists in several townships ({})",
            t.join(", ")
        ),
        IngestError::Store(e) => e.message(lang),
    }
}
