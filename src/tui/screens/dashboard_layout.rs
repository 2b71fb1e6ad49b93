//! Where each part of tab 7 统计 goes at the current size: below 120 columns one pane at a
//! time under the figures and the pane bar; from 120 columns the village and cadre tables on
//! the left (both when tall enough, the shorter giving its spare lines to the other), the
//! charts and the oldest items on the right.

use ratatui::layout::Rect;

use super::dashboard::Pane;
use super::dashboard_strings as ds;
use crate::i18n::Lang;
use crate::tui::text::width;

/// From this width the tables share the screen with the charts and the oldest items.
pub const WIDE: u16 = 120;
/// Lines above the panes: the filters, two lines of figures, the pane bar.
pub const HEADER_LINES: u16 = 4;

/// Where everything goes in the body.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub wide: bool,
    pub header: Rect,
    pub bar: Rect,
    /// Each pane's block (its column headings included), if shown.
    pub villages: Option<Rect>,
    pub cadres: Option<Rect>,
    pub charts: Option<Rect>,
    pub oldest: Option<Rect>,
}

impl Areas {
    fn block(&self, p: Pane) -> Option<Rect> {
        match p {
            Pane::Villages => self.villages,
            Pane::Cadres => self.cadres,
            Pane::Charts => self.charts,
            Pane::Oldest => self.oldest,
        }
    }

    /// The lines of `p`'s list (its block without the heading line).
    pub fn rows(&self, p: Pane) -> Option<Rect> {
        let b = self.block(p)?;
        (b.height > 1).then(|| Rect::new(b.x, b.y + 1, b.width, b.height - 1))
    }

    /// The panes named on the bar, in order (the charts only when not always on screen).
    pub fn bar_panes(&self) -> Vec<Pane> {
        Pane::ALL
            .into_iter()
            .filter(|p| *p != Pane::Charts || !self.wide)
            .collect()
    }

    /// The pane whose label on the bar is at `(col, row)`.
    pub fn pane_at_bar(&self, col: u16, row: u16, lang: Lang) -> Option<Pane> {
        if row != self.bar.y {
            return None;
        }
        let mut x = self.bar.x;
        for p in self.bar_panes() {
            let w = u16::try_from(width(&bar_label(p, lang))).unwrap_or(0);
            if col >= x && col < x + w {
                return Some(p);
            }
            x += w + 1;
        }
        None
    }
}

pub fn bar_label(p: Pane, lang: Lang) -> String {
    let i = Pane::ALL.iter().position(|x| *x == p).unwrap_or(0);
    format!(" {} ", ds::PANES[i].get(lang))
}

/// The layout of `body` with `focus` focused; `lens` = lines of the village and cadre tables
/// (when both are shown, a short one gives its spare lines to the other).
pub fn areas(body: Rect, focus: Pane, lens: (usize, usize)) -> Areas {
    let header = Rect::new(body.x, body.y, body.width, 3.min(body.height));
    let bar = Rect::new(body.x, body.y + 3, body.width, u16::from(body.height > 3));
    let top = body.y + HEADER_LINES.min(body.height);
    let content = Rect::new(body.x, top, body.width, body.bottom().saturating_sub(top));
    let wide = body.width >= WIDE && content.height >= 12;
    let mut a = Areas {
        wide,
        header,
        bar,
        villages: None,
        cadres: None,
        charts: None,
        oldest: None,
    };
    if !wide {
        match focus {
            Pane::Villages => a.villages = Some(content),
            Pane::Cadres => a.cadres = Some(content),
            Pane::Charts => a.charts = Some(content),
            Pane::Oldest => a.oldest = Some(content),
        }
        return a;
    }
    let right_w = (body.width - 80).min(body.width * 45 / 100);
    let left = Rect::new(
        content.x,
        content.y,
        content.width - right_w - 1,
        content.height,
    );
    let right = Rect::new(left.right() + 1, content.y, right_w, content.height);
    if left.height >= 24 {
        // Heading + lines, and a blank line between the tables.
        let need = |n: usize| u16::try_from(n + 1).unwrap_or(u16::MAX).max(3);
        let half = left.height / 2;
        let top = if need(lens.0) < half {
            need(lens.0)
        } else if need(lens.1) < left.height - half - 1 {
            left.height - 1 - need(lens.1)
        } else {
            half
        };
        a.villages = Some(Rect::new(left.x, left.y, left.width, top));
        a.cadres = Some(Rect::new(
            left.x,
            left.y + top + 1,
            left.width,
            left.height - top - 1,
        ));
    } else if focus == Pane::Cadres {
        a.cadres = Some(left);
    } else {
        a.villages = Some(left);
    }
    let charts_h = (right.height * 55 / 100).clamp(12, 22).min(right.height);
    a.charts = Some(Rect::new(right.x, right.y, right.width, charts_h));
    if right.height > charts_h + 3 {
        let y = right.y + charts_h + 1;
        a.oldest = Some(Rect::new(right.x, y, right.width, right.bottom() - y));
    }
    a
}
