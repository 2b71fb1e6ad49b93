//! A report cell and the column shapes, shared by the XLSX and CSV writers, with the small
//! text helpers the columns use (labels, money, masking).

use chrono::NaiveDate;

use super::strings::{T, YUAN};
use crate::domain::catalog::{Catalog, Entry};
use crate::domain::mask::{mask_id_number, mask_phone};
use crate::i18n::Lang;

/// One value of a report row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// Text, or empty when there is none.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// An optional text.
    pub fn opt(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    /// An optional date.
    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// An optional whole number.
    pub fn int(n: Option<i64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Int)
    }

    /// The cell as plain text (CSV, widths): dates as `2026-03-05`.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// How a column is laid out: how wide it may grow before its text wraps, and its cell type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Names, numbers, labels: up to 24 columns wide.
    Short,
    /// Free text (content, progress, notes): up to 40 columns wide, wrapped.
    Long,
    /// A whole number.
    Int,
    /// A date (`yyyy-mm-dd`).
    Date,
}

impl Shape {
    /// The widest the column grows, in display columns (a Chinese character is 2).
    pub fn cap(self) -> usize {
        match self {
            Shape::Short => 24,
            Shape::Long => 40,
            Shape::Int => 12,
            Shape::Date => 10,
        }
    }
}

/// What every cell of a report needs besides its row.
pub struct CellCtx<'a> {
    pub lang: Lang,
    /// Print ID numbers and phones in full.
    pub unmasked: bool,
    pub catalog: &'a Catalog,
}

impl CellCtx<'_> {
    /// The label of `code` in `list` (the code itself when unknown).
    pub fn label(&self, list: &[Entry], code: &str) -> String {
        Catalog::label(list, code, self.lang).to_owned()
    }

    /// An optional code as its label.
    pub fn label_opt(&self, list: &[Entry], code: Option<&str>) -> Cell {
        code.map_or(Cell::Empty, |c| Cell::text(self.label(list, c)))
    }

    /// A fixed text in the report's language.
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang)
    }

    /// A phone as the report prints it: masked unless `--unmasked`.
    pub fn phone(&self, p: Option<&str>) -> Cell {
        match p.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) if self.unmasked => Cell::text(p),
            Some(p) => Cell::text(mask_phone(p)),
            None => Cell::Empty,
        }
    }

    /// An ID number as the report prints it: masked unless `--unmasked`.
    pub fn id_number(&self, n: Option<&str>) -> Cell {
        match n.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) if self.unmasked => Cell::text(n),
            Some(n) => Cell::text(mask_id_number(n)),
            None => Cell::Empty,
        }
    }

    /// An amount in fen as yuan: `1200元`, `123.45元`.
    pub fn yuan(&self, fen: i64) -> String {
        let sign = if fen < 0 { "-" } else { "" };
        let abs = fen.unsigned_abs();
        let (whole, cents) = (abs / 100, abs % 100);
        let unit = self.t(YUAN);
        if cents == 0 {
            format!("{sign}{whole}{unit}")
        } else {
            format!("{sign}{whole}.{cents:02}{unit}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(unmasked: bool) -> CellCtx<'static> {
        CellCtx {
            lang: Lang::Zh,
            unmasked,
            catalog: Catalog::builtin(),
        }
    }

    #[test]
    fn phones_and_id_numbers_are_masked_unless_unmasked() {
        let c = ctx(false);
        assert_eq!(c.phone(Some("13812345678")), Cell::text("138****5678"));
        assert_eq!(
            c.id_number(Some("11010519491231002X")),
            Cell::text("110105********002X")
        );
        assert_eq!(c.phone(Some("  ")), Cell::Empty);
        let c = ctx(true);
        assert_eq!(c.phone(Some("13812345678")), Cell::text("13812345678"));
        assert_eq!(
            c.id_number(Some("11010519491231002X")),
            Cell::text("11010519491231002X")
        );
    }

    #[test]
    fn amounts_in_fen_print_as_yuan() {
        let c = ctx(false);
        assert_eq!(c.yuan(497_100), "4971元");
        assert_eq!(c.yuan(12_345), "123.45元");
        assert_eq!(c.yuan(5), "0.05元");
        assert_eq!(c.yuan(-150), "-1.50元");
    }

    #[test]
    fn plain_text_of_each_cell_kind() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        assert_eq!(Cell::Date(d).plain(), "2026-03-05");
        assert_eq!(Cell::Int(23).plain(), "23");
        assert_eq!(Cell::text("").plain(), "");
        assert_eq!(Cell::text(""), Cell::Empty);
    }
}
