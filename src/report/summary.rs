//! The summary sheet: counts by village and by status (ledgers) or visit kind (diary),
//! gathered while the rows stream past, so they always agree with the first sheet.

use std::collections::BTreeMap;

use super::cells::Cell;
use super::strings::{self as s};
use crate::i18n::Lang;

/// A village of the summary: township, whether it has no village, village name (sort order:
/// by township, villages by name, items without a village last).
type Key = (String, bool, String);

/// Counts per village and per column label.
#[derive(Debug, Clone)]
pub struct Summary {
    columns: Vec<String>,
    /// Whether the last count is 超期 (ledgers only).
    overdue: bool,
    rows: BTreeMap<Key, Vec<u64>>,
}

impl Summary {
    /// A summary with these columns (more are added as unknown labels turn up) and, for a
    /// ledger, an 超期 column.
    pub fn new(columns: Vec<String>, overdue: bool) -> Summary {
        Summary {
            columns,
            overdue,
            rows: BTreeMap::new(),
        }
    }

    /// Counts one row of `village` under `column`, and as overdue if `overdue`.
    pub fn add(
        &mut self,
        township: Option<&str>,
        village: Option<&str>,
        column: &str,
        overdue: bool,
    ) {
        let col = match self.columns.iter().position(|c| c == column) {
            Some(i) => i,
            None => {
                self.columns.push(column.to_owned());
                for counts in self.rows.values_mut() {
                    counts.insert(self.columns.len() - 1, 0);
                }
                self.columns.len() - 1
            }
        };
        let key = (
            township.unwrap_or_default().to_owned(),
            village.is_none(),
            village.unwrap_or_default().to_owned(),
        );
        let width = self.columns.len() + usize::from(self.overdue);
        let counts = self.rows.entry(key).or_insert_with(|| vec![0; width]);
        counts[col] += 1;
        if overdue && self.overdue {
            counts[width - 1] += 1;
        }
    }

    /// The header and the rows of the summary sheet (a total row last); `township` adds a
    /// 乡镇 column first.
    pub fn table(&self, lang: Lang, township: bool) -> (Vec<String>, Vec<Vec<Cell>>) {
        let mut head = Vec::new();
        if township {
            head.push(s::COL_TOWNSHIP.get(lang).to_owned());
        }
        head.push(s::COL_VILLAGE.get(lang).to_owned());
        head.push(s::TOTAL.get(lang).to_owned());
        head.extend(self.columns.iter().cloned());
        if self.overdue {
            head.push(s::OVERDUE.get(lang).to_owned());
        }
        let width = self.columns.len() + usize::from(self.overdue);
        let mut totals = vec![0u64; width];
        let n = |v: u64| Cell::Int(i64::try_from(v).unwrap_or(i64::MAX));
        let mut rows = Vec::new();
        for ((town, no_village, village), counts) in &self.rows {
            let mut row = Vec::new();
            if township {
                row.push(Cell::text(town));
            }
            row.push(if *no_village {
                Cell::text(s::NO_VILLAGE.get(lang))
            } else {
                Cell::text(village)
            });
            row.push(n(counts[..self.columns.len()].iter().sum()));
            row.extend(counts.iter().map(|&c| n(c)));
            for (t, c) in totals.iter_mut().zip(counts) {
                *t += c;
            }
            rows.push(row);
        }
        let mut total = Vec::new();
        if township {
            total.push(Cell::Empty);
        }
        total.push(Cell::text(s::TOTAL.get(lang)));
        total.push(n(totals[..self.columns.len()].iter().sum()));
        total.extend(totals.iter().map(|&c| n(c)));
        rows.push(total);
        (head, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_village_and_column_with_a_total_row() {
        let mut s = Summary::new(vec!["已挂号".into(), "已销号".into()], true);
        s.add(Some("两河镇"), Some("白虎村"), "已挂号", true);
        s.add(Some("两河镇"), Some("白虎村"), "已挂号", false);
        s.add(Some("两河镇"), Some("白虎村"), "已销号", false);
        s.add(Some("两河镇"), Some("赤石村"), "已销号", false);
        s.add(None, None, "已挂号", true);
        // A label not known in advance gets its own column.
        s.add(Some("两河镇"), Some("赤石村"), "重办", true);
        let (head, rows) = s.table(Lang::Zh, false);
        assert_eq!(head, ["村", "合计", "已挂号", "已销号", "重办", "超期"]);
        let ints = |r: &[Cell]| -> Vec<i64> {
            r.iter()
                .filter_map(|c| match c {
                    Cell::Int(n) => Some(*n),
                    _ => None,
                })
                .collect()
        };
        // Sorted by township: the item without a village (no township either) comes first.
        assert_eq!(rows[0][0], Cell::text("（未填村）"));
        assert_eq!(ints(&rows[0]), [1, 1, 0, 0, 1]);
        assert_eq!(rows[1][0], Cell::text("白虎村"));
        assert_eq!(ints(&rows[1]), [3, 2, 1, 0, 1]);
        assert_eq!(rows[2][0], Cell::text("赤石村"));
        assert_eq!(ints(&rows[2]), [2, 0, 1, 1, 1]);
        assert_eq!(rows[3][0], Cell::text("合计"));
        assert_eq!(ints(&rows[3]), [6, 3, 2, 1, 3]);
    }
}
