//! The columns of the diary report (民情日志): date, kind, where, who, what was heard and the
//! items the visit raised.

use super::cells::{Cell, CellCtx, Shape};
use super::strings::{self as s, T};
use crate::store::report_rows::VisitReportRow;

/// One column of the diary report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitCol {
    Seq,
    Date,
    Kind,
    Township,
    Village,
    Households,
    Place,
    Cadres,
    Heard,
    Family,
    FollowUp,
    Confirmed,
    Items,
}

/// The diary report's columns; `township` adds a 乡镇 column (a report over several).
pub fn visit_columns(township: bool) -> Vec<VisitCol> {
    use VisitCol as C;
    let mut cols = vec![C::Seq, C::Date, C::Kind];
    if township {
        cols.push(C::Township);
    }
    cols.extend([
        C::Village,
        C::Households,
        C::Place,
        C::Cadres,
        C::Heard,
        C::Family,
        C::FollowUp,
        C::Confirmed,
        C::Items,
    ]);
    cols
}

impl VisitCol {
    /// The header text.
    pub fn header(self) -> T {
        use VisitCol as C;
        match self {
            C::Seq => s::COL_SEQ,
            C::Date => s::COL_DATE,
            C::Kind => s::COL_KIND,
            C::Township => s::COL_TOWNSHIP,
            C::Village => s::COL_VILLAGE,
            C::Households => s::COL_HOUSEHOLDS,
            C::Place => s::COL_PLACE,
            C::Cadres => s::COL_CADRES,
            C::Heard => s::COL_HEARD,
            C::Family => s::COL_FAMILY,
            C::FollowUp => s::COL_FOLLOW_UP,
            C::Confirmed => s::COL_CONFIRMED,
            C::Items => s::COL_ITEMS,
        }
    }

    /// Its layout.
    pub fn shape(self) -> Shape {
        use VisitCol as C;
        match self {
            C::Seq => Shape::Int,
            C::Date => Shape::Date,
            C::Heard | C::Family | C::FollowUp => Shape::Long,
            _ => Shape::Short,
        }
    }

    /// The cell of row number `seq` (from 1).
    pub fn cell(self, seq: u64, r: &VisitReportRow, cx: &CellCtx<'_>) -> Cell {
        use VisitCol as C;
        let list = |v: &[String]| Cell::text(v.join(cx.t(s::LIST_SEP)));
        match self {
            C::Seq => Cell::Int(i64::try_from(seq).unwrap_or(i64::MAX)),
            C::Date => Cell::Date(r.date),
            C::Kind => Cell::text(cx.label(&cx.catalog.visit_kinds, &r.kind)),
            C::Township => Cell::opt(r.township.as_deref()),
            C::Village => Cell::opt(r.village.as_deref()),
            C::Households => list(&r.households),
            C::Place => Cell::opt(r.place.as_deref()),
            C::Cadres => list(&r.cadres),
            C::Heard => Cell::text(&r.heard),
            C::Family => Cell::opt(r.family_situation.as_deref()),
            C::FollowUp => Cell::opt(r.follow_up.as_deref()),
            C::Confirmed => {
                let who = r.confirmed_by.as_deref().map(str::trim).unwrap_or("");
                let said = match r.confirmed {
                    Some(true) => cx.t(s::CONFIRMED_YES),
                    Some(false) => cx.t(s::CONFIRMED_NO),
                    None => "",
                };
                match (who, said) {
                    (w, "") => Cell::text(w),
                    ("", s) => Cell::text(s),
                    (w, s) => Cell::text(format!("{w}（{s}）")),
                }
            }
            C::Items => list(&r.items),
        }
    }
}
