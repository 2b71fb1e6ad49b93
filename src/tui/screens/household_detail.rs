//! The household detail layer's state: the household with its members, visits and items
//! (paged), and one selection moving across them. Keys and the logged reveal are in
//! `household_detail_keys.rs`, drawing in `household_detail_draw.rs`.

use chrono::NaiveDate;
use ratatui::layout::Rect;

use crate::domain::calendar::Calendar;
use crate::domain::deadline::{Urgency, urgency};
use crate::domain::{Cadre, Group, Household, HouseholdId, Person, PersonId, Village};
use crate::i18n::{Lang, Localized};
use crate::store::query::{ItemRow, VisitRow};
use crate::store::{Page, Store, StoreError};
use crate::tui::layer::{Ctx, Layer};

/// Visits and items read per page.
pub const PAGE: u64 = 20;

/// One line of the scrolling part, below the household's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A section title ("家庭成员（3）").
    Heading(Section),
    /// The column names of the members table.
    Columns,
    /// Space between two sections.
    Blank,
    /// "（无）" under an empty section.
    Empty,
    Member(usize),
    Visit(usize),
    Item(usize),
    /// "… more": selecting it loads the next page of that section.
    More(Section),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Members,
    Visits,
    Items,
}

impl Row {
    /// Rows the selection can rest on.
    pub fn selectable(self) -> bool {
        matches!(
            self,
            Row::Member(_) | Row::Visit(_) | Row::Item(_) | Row::More(_)
        )
    }

    fn section(self) -> Option<Section> {
        match self {
            Row::Member(_) => Some(Section::Members),
            Row::Visit(_) => Some(Section::Visits),
            Row::Item(_) => Some(Section::Items),
            Row::More(s) | Row::Heading(s) => Some(s),
            Row::Columns | Row::Blank | Row::Empty => None,
        }
    }
}

/// A list read a page at a time: the rows so far and whether more follow.
#[derive(Debug, Clone)]
pub struct Pages<R> {
    pub rows: Vec<R>,
    pub more: bool,
}

impl<R> Default for Pages<R> {
    fn default() -> Self {
        Pages {
            rows: Vec::new(),
            more: false,
        }
    }
}

/// The household detail layer.
pub struct HouseholdDetail {
    pub lang: Lang,
    pub today: NaiveDate,
    pub id: HouseholdId,
    pub household: Household,
    pub village: String,
    pub group: Option<String>,
    pub cadre: Option<String>,
    pub members: Vec<(PersonId, Person)>,
    pub visits: Pages<VisitRow>,
    pub items: Pages<(ItemRow, Option<Urgency>)>,
    /// Conflicted fields of the household itself.
    pub conflicts: Vec<String>,
    /// Conflicted fields of each member, in `members` order.
    pub member_conflicts: Vec<Vec<String>>,
    /// ID numbers and phones are shown in full (after the reveal was logged).
    pub revealed: bool,
    /// Index into [`HouseholdDetail::rows`] of the selected row (a selectable one), if any.
    pub selected: Option<usize>,
    /// A one-line message (an error, "cannot open").
    pub message: Option<String>,
}

fn with_urgency(today: NaiveDate, rows: Vec<ItemRow>) -> Vec<(ItemRow, Option<Urgency>)> {
    let cal = Calendar::builtin();
    rows.into_iter()
        .map(|r| {
            let u = match r.due_date {
                _ if !r.status.is_open() => Some(Urgency::Closed),
                Some(due) => Some(urgency(cal, due, today, true)),
                None => None,
            };
            (r, u)
        })
        .collect()
}

/// Opens the detail of `id`; `None` if it does not exist or was deleted.
pub fn open(ctx: &mut Ctx<'_>, id: HouseholdId) -> Result<Option<Box<dyn Layer>>, StoreError> {
    Ok(HouseholdDetail::load(ctx.store, ctx.lang, ctx.today, id)?
        .map(|d| Box::new(d) as Box<dyn Layer>))
}

impl HouseholdDetail {
    /// Reads the household and the first page of its visits and items.
    pub fn load(
        store: &Store,
        lang: Lang,
        today: NaiveDate,
        id: HouseholdId,
    ) -> Result<Option<HouseholdDetail>, StoreError> {
        if !store.is_live::<Household>(id)? {
            return Ok(None);
        }
        let Some(household) = store.get::<Household>(id)? else {
            return Ok(None);
        };
        let mut d = HouseholdDetail {
            lang,
            today,
            id,
            household,
            village: String::new(),
            group: None,
            cadre: None,
            members: Vec::new(),
            visits: Pages::default(),
            items: Pages::default(),
            conflicts: Vec::new(),
            member_conflicts: Vec::new(),
            revealed: false,
            selected: None,
            message: None,
        };
        d.read(store)?;
        d.selected = d.rows().iter().position(|r| r.selectable());
        Ok(Some(d))
    }

    pub(super) fn read(&mut self, store: &Store) -> Result<(), StoreError> {
        let h = &self.household;
        self.village = store
            .get::<Village>(h.village_id)?
            .map_or_else(String::new, |v| v.name);
        self.group = match h.group_id {
            Some(g) => store.get::<Group>(g)?.map(|g| g.name),
            None => None,
        };
        self.cadre = match h.cadre_id {
            Some(c) => store.get::<Cadre>(c)?.map(|c| c.name),
            None => None,
        };
        self.members = store.persons_of(self.id)?;
        let v = store.visits_of(self.id, Page::first(PAGE))?;
        self.visits = Pages {
            rows: v.rows,
            more: v.more,
        };
        let i = store.items_of_household(self.id, Page::first(PAGE))?;
        self.items = Pages {
            rows: with_urgency(self.today, i.rows),
            more: i.more,
        };
        self.conflicts = store.conflicted_fields(&self.id.to_string())?;
        self.member_conflicts = self
            .members
            .iter()
            .map(|(pid, _)| store.conflicted_fields(&pid.to_string()))
            .collect::<Result<_, _>>()?;
        Ok(())
    }

    /// Every line of the scrolling part, in order.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Heading(Section::Members)];
        if self.members.is_empty() {
            rows.push(Row::Empty);
        } else {
            rows.push(Row::Columns);
            rows.extend((0..self.members.len()).map(Row::Member));
        }
        rows.push(Row::Blank);
        rows.push(Row::Heading(Section::Visits));
        rows.extend((0..self.visits.rows.len()).map(Row::Visit));
        if self.visits.more {
            rows.push(Row::More(Section::Visits));
        } else if self.visits.rows.is_empty() {
            rows.push(Row::Empty);
        }
        rows.push(Row::Blank);
        rows.push(Row::Heading(Section::Items));
        rows.extend((0..self.items.rows.len()).map(Row::Item));
        if self.items.more {
            rows.push(Row::More(Section::Items));
        } else if self.items.rows.is_empty() {
            rows.push(Row::Empty);
        }
        rows
    }

    /// The selected row, if any.
    pub fn selected_row(&self) -> Option<Row> {
        self.rows().get(self.selected?).copied()
    }

    /// Conflicts on this screen: the household's fields and every member's.
    pub fn conflict_count(&self) -> usize {
        self.conflicts.len() + self.member_conflicts.iter().map(Vec::len).sum::<usize>()
    }

    /// Moves the selection by `delta` selectable rows (clamped), loading the next page when
    /// it lands on a "more" line.
    pub fn move_by(&mut self, store: &Store, delta: i64) {
        let rows = self.rows();
        let sel: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
        let Some(cur) = self.selected.and_then(|s| sel.iter().position(|&i| i == s)) else {
            self.selected = sel.first().copied();
            return;
        };
        let last = sel.len() as i64 - 1;
        let next = (cur as i64).saturating_add(delta).clamp(0, last.max(0)) as usize;
        self.selected = sel.get(next).copied();
        self.load_more_if_selected(store);
    }

    /// Jumps to the first selectable row of the next (or previous) section that has one.
    pub fn next_section(&mut self, forward: bool) {
        let rows = self.rows();
        let cur = self.selected_row().and_then(Row::section);
        let firsts: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                rows[i].selectable()
                    && (i == 0
                        || !rows[i - 1].selectable()
                        || rows[i - 1].section() != rows[i].section())
            })
            .collect();
        if firsts.is_empty() {
            return;
        }
        let pos = firsts
            .iter()
            .position(|&i| rows[i].section() == cur)
            .unwrap_or(0);
        let n = firsts.len();
        let next = if forward {
            (pos + 1) % n
        } else {
            (pos + n - 1) % n
        };
        self.selected = Some(firsts[next]);
    }

    pub(super) fn load_more_if_selected(&mut self, store: &Store) {
        let Some(Row::More(section)) = self.selected_row() else {
            return;
        };
        let result = match section {
            Section::Visits => store
                .visits_of(
                    self.id,
                    Page {
                        offset: self.visits.rows.len() as u64,
                        limit: PAGE,
                    },
                )
                .map(|p| {
                    self.visits.rows.extend(p.rows);
                    self.visits.more = p.more;
                }),
            Section::Items => store
                .items_of_household(
                    self.id,
                    Page {
                        offset: self.items.rows.len() as u64,
                        limit: PAGE,
                    },
                )
                .map(|p| {
                    self.items.rows.extend(with_urgency(self.today, p.rows));
                    self.items.more = p.more;
                }),
            Section::Members => Ok(()),
        };
        if let Err(e) = result {
            self.message = Some(e.message(self.lang));
        }
        // The selection now rests on the first new row, or on the last row if none came.
        let rows = self.rows();
        if let Some(s) = self.selected
            && !rows.get(s).is_some_and(|r| r.selectable())
        {
            self.selected = (0..s.min(rows.len())).rev().find(|&i| rows[i].selectable());
        }
    }

    /// Lines the scrolling part has room for when drawn in `area`, and the first shown.
    pub fn window(&self, area: Rect) -> (u16, usize, usize) {
        let inner = Self::inner(area);
        let head = self.head_lines(inner.width).len() as u16;
        let top = inner.y + head.min(inner.height);
        let height = usize::from(inner.bottom().saturating_sub(top));
        let total = self.rows().len();
        let first = match self.selected {
            // The selection sits in the middle once past the first half screen, so the rows
            // around it stay visible whichever way the user moves; nothing is left blank.
            Some(s) if total > height => s.saturating_sub(height / 2).min(total - height),
            _ => 0,
        };
        (top, height, first)
    }

    /// The area inside the border and padding.
    pub fn inner(area: Rect) -> Rect {
        ratatui::widgets::Block::bordered()
            .padding(ratatui::widgets::Padding::horizontal(1))
            .inner(area)
    }
}
