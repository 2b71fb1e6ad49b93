//! Drawing the members table of the household detail: columns sized by display width,
//! ID numbers and phones masked unless revealed, conflicted fields marked ⚠.

use ratatui::style::{Color, Style};
use ratatui::text::Span;

use super::household_detail::HouseholdDetail;
use super::household_detail_draw::first_line;
use super::household_strings as hs;
use crate::domain::Person;
use crate::domain::catalog::Catalog;
use crate::i18n::Lang;
use crate::tui::text::cell;

pub(super) const CONFLICT_MARK: &str = "⚠";

/// Member table column widths at a given width (marker excluded).
pub(super) struct Cols {
    name: usize,
    relation: usize,
    sex: usize,
    birth: usize,
    id: usize,
    phone: usize,
    health: usize,
    disability: usize,
    /// Only on wide screens.
    note: usize,
}

impl Cols {
    pub(super) fn new(lang: Lang, w: usize) -> Cols {
        let en = lang == Lang::En;
        if w >= 110 {
            // Room for the ⚠ of a conflicted number without cutting it, and a note column.
            let fixed = 2 + 10 + 10 + 4 + 10 + 19 + 12 + 10 + 12 + 8;
            return Cols {
                name: 10,
                relation: 10,
                sex: 4,
                birth: 10,
                id: 19,
                phone: 12,
                health: 10,
                disability: 12,
                note: w.saturating_sub(fixed + 1),
            };
        }
        let (relation, sex, health) = if en { (6, 3, 7) } else { (4, 4, 6) };
        // Marker, seven gaps; what is left goes to the disability column (肢体三级 fits at 80).
        let fixed = 2 + 6 + relation + sex + 10 + 18 + 11 + health + 7;
        Cols {
            name: 6,
            relation,
            sex,
            birth: 10,
            id: 18,
            phone: 11,
            health,
            disability: w.saturating_sub(fixed),
            note: 0,
        }
    }
}

impl HouseholdDetail {
    pub(super) fn member_cells(
        &self,
        c: &Cols,
        p: &Person,
        conflicts: &[String],
    ) -> Vec<Span<'static>> {
        let lang = self.lang;
        let cat = Catalog::builtin();
        let mark = |field: &str, text: String| {
            if conflicts.iter().any(|f| f == field) {
                format!("{CONFLICT_MARK}{text}")
            } else {
                text
            }
        };
        let disability = match (&p.disability_type, p.disability_grade) {
            (Some(t), g) => format!(
                "{}{}",
                Catalog::label(&cat.disability_types, t, lang),
                g.map(|g| hs::grade_label(lang, g)).unwrap_or_default()
            ),
            (None, Some(g)) => hs::grade_label(lang, g),
            (None, None) => String::new(),
        };
        let mut cells = vec![
            (mark("name", p.name.clone()), c.name),
            (
                mark(
                    "relation",
                    Catalog::label(&cat.relations, &p.relation, lang).to_owned(),
                ),
                c.relation,
            ),
            (
                mark(
                    "sex",
                    hs::sex_label(lang, p.sex.as_deref().unwrap_or("")).to_owned(),
                ),
                c.sex,
            ),
            (
                mark(
                    "birth_date",
                    p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
                ),
                c.birth,
            ),
            (
                mark("id_number", self.shown_id(p.id_number.as_deref())),
                c.id,
            ),
            (mark("phone", self.shown_phone(p.phone.as_deref())), c.phone),
            (
                mark(
                    "health",
                    p.health
                        .as_deref()
                        .map(|h| Catalog::label(&cat.health, h, lang).to_owned())
                        .unwrap_or_default(),
                ),
                c.health,
            ),
            (mark("disability_type", disability), c.disability),
        ];
        if c.note > 0 {
            let note = p.note.as_deref().map(first_line).unwrap_or("").to_owned();
            cells.push((mark("note", note), c.note));
        }
        let mut spans = Vec::new();
        for (i, (text, w)) in cells.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            let st = if text.starts_with(CONFLICT_MARK) {
                Style::new().fg(Color::Yellow)
            } else {
                Style::new()
            };
            spans.push(Span::styled(cell(&text, w), st));
        }
        spans
    }

    pub(super) fn column_heads(&self, c: &Cols) -> Vec<Span<'static>> {
        let lang = self.lang;
        let mut heads = vec![
            (hs::COL_NAME, c.name),
            (hs::COL_RELATION, c.relation),
            (hs::COL_SEX, c.sex),
            (hs::COL_BIRTH, c.birth),
            (hs::COL_ID, c.id),
            (hs::L_PHONE, c.phone),
            (hs::COL_HEALTH, c.health),
            (hs::COL_DISABILITY, c.disability),
        ];
        if c.note > 0 {
            heads.push((hs::COL_NOTE, c.note));
        }
        let mut spans = vec![Span::raw("  ")];
        for (i, (t, w)) in heads.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::raw(cell(t.get(lang), w)));
        }
        spans
    }
}
