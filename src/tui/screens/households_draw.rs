//! Drawing the 农户 list, without side effects: head, village, group, masked phone and tag
//! labels, aligned by display width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::diary_draw::{Frame, draw_list};
use super::households::HouseholdsView;
use super::lists_strings as ls;
use crate::domain::catalog::Catalog;
use crate::domain::mask::mask_phone;
use crate::i18n::Lang;
use crate::store::query::HouseholdRow;
use crate::tui::text::{cell, truncate};

/// Column widths at a given width (marker excluded).
struct Cols {
    head: usize,
    village: usize,
    group: usize,
    phone: usize,
    tags: usize,
}

impl Cols {
    fn new(width: usize) -> Cols {
        let wide = width >= 110;
        let (head, village, group, phone) = if wide {
            (10, 14, 10, 11)
        } else {
            (8, 10, 8, 11)
        };
        // Marker (2) and one space after each of the first four columns.
        let fixed = 2 + head + village + group + phone + 4;
        Cols {
            head,
            village,
            group,
            phone,
            tags: width.saturating_sub(fixed).max(4),
        }
    }
}

/// The tags of a household as catalog labels, joined with "、" (", " in English).
pub fn tag_labels(lang: Lang, tags: &[String]) -> String {
    let cat = Catalog::builtin();
    let labels: Vec<&str> = tags
        .iter()
        .map(|t| Catalog::label(&cat.household_tags, t, lang))
        .collect();
    labels.join(lang.pick("、", ", "))
}

impl Widget for &HouseholdsView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let c = Cols::new(usize::from(area.width));
        let headings = vec![
            Span::raw(cell(ls::COL_HEAD.get(lang), c.head)),
            Span::raw(" "),
            Span::raw(cell(ls::COL_VILLAGE.get(lang), c.village)),
            Span::raw(" "),
            Span::raw(cell(ls::COL_GROUP.get(lang), c.group)),
            Span::raw(" "),
            Span::raw(cell(ls::COL_PHONE.get(lang), c.phone)),
            Span::raw(" "),
            Span::raw(cell(ls::COL_TAGS.get(lang), c.tags)),
        ];
        let row = |h: &HouseholdRow| {
            let phone = h.phone.as_deref().map(mask_phone).unwrap_or_default();
            vec![
                Span::raw(cell(&h.head_name, c.head)),
                Span::raw(" "),
                Span::raw(cell(&h.village, c.village)),
                Span::raw(" "),
                Span::raw(cell(h.group.as_deref().unwrap_or(""), c.group)),
                Span::raw(" "),
                Span::raw(cell(&phone, c.phone)),
                Span::raw(" "),
                Span::styled(
                    truncate(&tag_labels(lang, &h.tags), c.tags),
                    Style::new().fg(Color::Yellow),
                ),
            ]
        };
        let village = self.village_name().unwrap_or(ls::ALL_VILLAGES.get(lang));
        let title = format!("{} · {village}", ls::HOUSEHOLDS_TITLE.get(lang));
        let f = Frame {
            lang,
            title: &title,
            headings,
            empty: ls::NO_HOUSEHOLDS.get(lang),
            search: &self.search,
        };
        draw_list(f, &self.list, area, buf, row);
    }
}
