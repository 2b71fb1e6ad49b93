//! What the item detail shows, before layout: each field with its label, value, colour and
//! conflict mark (the reporter's phone masked unless revealed), and each timeline entry with
//! its details in words.

use ratatui::style::{Color, Style};
use ratatui::text::Span;

use super::item_detail::ItemDetail;
use super::item_strings as is;
use crate::domain::calendar::Calendar;
use crate::domain::catalog::Catalog;
use crate::domain::deadline::{Urgency, urgency};
use crate::domain::mask::mask_phone;
use crate::domain::{Action, ActionKind, ItemStatus, LedgerFields, Progress};
use crate::i18n::Lang;
use crate::tui::strings::T;

/// One labelled value.
pub struct Fv {
    pub label: String,
    pub spans: Vec<Span<'static>>,
    /// Another replica wrote a different value: shown with ⚠.
    pub conflict: bool,
}

/// One timeline entry, in words.
pub struct EventRow {
    pub at: String,
    pub who: String,
    pub what: String,
    pub style: Style,
    pub details: String,
    pub note: String,
}

/// A piece of the detail, in display order.
pub enum Part {
    /// A short value: two to a line when the window is wide enough.
    Short(Fv),
    /// A text over the whole width, wrapped.
    Long(Fv),
    Heading(String),
    Event(EventRow),
}

const DIM: Style = Style::new().fg(Color::DarkGray);

fn risk_style(code: &str) -> Style {
    match code {
        "red" => Style::new().fg(Color::Red),
        "yellow" => Style::new().fg(Color::Yellow),
        "green" => Style::new().fg(Color::Green),
        _ => Style::new(),
    }
}

fn urgency_style(u: Urgency) -> Style {
    match u {
        Urgency::Overdue { .. } => Style::new().fg(Color::Red),
        Urgency::DueSoon { .. } => Style::new().fg(Color::Yellow),
        Urgency::Closed => DIM,
        Urgency::OnTrack { .. } => Style::new(),
    }
}

/// 1,200.50元 from fen.
fn yuan(fen: i64) -> String {
    let (y, f) = (fen / 100, (fen % 100).abs());
    let digits = y.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{f:02}")
}

/// The timeline entry of one event.
pub fn event_row(lang: Lang, e: &Progress) -> EventRow {
    let cat = Catalog::builtin();
    let kind = e.action.kind();
    let details = match &e.action {
        Action::Register | Action::Progress => String::new(),
        Action::Assign {
            unit,
            person,
            deadline,
        } => is::assign_details(lang, unit.as_deref(), person.as_deref(), *deadline),
        Action::Answer { result } => format!("{}{result}", is::D_RESULT.get(lang)),
        Action::ReturnVisit { satisfaction } => format!(
            "{}{}",
            is::D_SATISFACTION.get(lang),
            Catalog::label(&cat.satisfaction, satisfaction.code(), lang)
        ),
        Action::Close { reason } | Action::Reopen { reason } => reason
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(|r| format!("{}{r}", is::D_REASON.get(lang)))
            .unwrap_or_default(),
        Action::Escalate { level } => format!(
            "{}{}",
            is::D_ESCALATE.get(lang),
            Catalog::label(&cat.levels, level.code(), lang)
        ),
        Action::Defer { reason } => format!("{}{reason}", is::D_DEFER.get(lang)),
    };
    let style = match kind {
        ActionKind::Close => Style::new().fg(Color::Green),
        ActionKind::Reopen | ActionKind::Defer => Style::new().fg(Color::Yellow),
        ActionKind::Escalate => Style::new().fg(Color::Magenta),
        ActionKind::ReturnVisit => match &e.action {
            Action::ReturnVisit { satisfaction } if !satisfaction.allows_closing() => {
                Style::new().fg(Color::Yellow)
            }
            _ => Style::new(),
        },
        _ => Style::new(),
    };
    EventRow {
        at: e.at.format("%Y-%m-%d %H:%M").to_string(),
        who: e.by_name.clone(),
        what: kind.label(lang).to_owned(),
        style,
        details,
        note: e.note.clone(),
    }
}

impl ItemDetail {
    fn fv(&self, label: T, spans: Vec<Span<'static>>, keys: &[&str]) -> Fv {
        Fv {
            label: label.get(self.lang).to_owned(),
            spans,
            conflict: keys.iter().any(|k| self.conflicts.iter().any(|c| c == k)),
        }
    }

    fn short(&self, label: T, value: impl Into<String>, keys: &[&str]) -> Part {
        Part::Short(self.fv(label, vec![Span::raw(value.into())], keys))
    }

    /// Every field and the timeline, in display order; empty optional fields are left out.
    pub fn parts(&self) -> Vec<Part> {
        let lang = self.lang;
        let cat = Catalog::builtin();
        let it = &self.item;
        let st = &self.state;
        let mut p = Vec::new();
        p.push(self.short(is::L_STATUS, st.status.label(lang), &[]));
        if st.status.is_open() {
            let u = urgency(Calendar::builtin(), st.due_date, self.today, true);
            let span = Span::styled(u.label(lang), urgency_style(u));
            p.push(Part::Short(self.fv(is::L_DUE, vec![span], &[])));
        }
        p.push(self.short(is::L_DUE_DATE, st.due_date.to_string(), &["deadline"]));
        let mut level = Catalog::label(&cat.levels, st.level.code(), lang).to_owned();
        if st.level != it.level {
            let at = Catalog::label(&cat.levels, it.level.code(), lang);
            level.push_str(&is::parens(
                lang,
                &format!("{} {at}", is::REGISTERED_LEVEL.get(lang)),
            ));
        }
        p.push(self.short(is::L_LEVEL, level, &["level"]));
        if let Some(u) = st.responsible_unit.as_deref().filter(|u| !u.is_empty()) {
            p.push(self.short(is::L_UNIT, u, &[]));
        }
        if let Some(u) = st.responsible_person.as_deref().filter(|u| !u.is_empty()) {
            p.push(self.short(is::L_PERSON, u, &[]));
        }
        let category = Catalog::label(cat.categories(it.ledger()), &it.category, lang);
        p.push(self.short(is::L_CATEGORY, category, &["category"]));
        self.ledger_shorts(&mut p);
        if let Some(v) = &self.names.village {
            p.push(self.short(is::L_VILLAGE, v.clone(), &["village_id", "group_id"]));
        }
        if let Some(h) = &self.names.household {
            let spans = vec![
                Span::raw(h.clone()),
                Span::styled(is::HOUSEHOLD_OPEN.get(lang), DIM),
            ];
            p.push(Part::Short(self.fv(
                is::L_HOUSEHOLD,
                spans,
                &["household_id"],
            )));
        }
        let reporter = match (&it.reporter, it.anonymous) {
            (_, true) => is::ANONYMOUS.get(lang).to_owned(),
            (Some(r), false) => r.clone(),
            (None, false) => String::new(),
        };
        if !reporter.is_empty() {
            p.push(self.short(is::L_REPORTER, reporter, &["reporter", "anonymous"]));
        }
        if let Some(phone) = it.reporter_phone.as_deref().filter(|s| !s.is_empty()) {
            let spans = if self.phone_shown {
                vec![Span::styled(
                    phone.to_owned(),
                    Style::new().fg(Color::Yellow),
                )]
            } else {
                vec![
                    Span::raw(mask_phone(phone)),
                    Span::styled(is::PHONE_HIDDEN.get(lang), DIM),
                ]
            };
            p.push(Part::Short(self.fv(
                is::L_PHONE,
                spans,
                &["reporter_phone"],
            )));
        }
        let source = Catalog::label(&cat.sources, &it.source, lang);
        p.push(self.short(is::L_SOURCE, source, &["source"]));
        if let Some(v) = &self.names.visit {
            let spans = vec![
                Span::raw(v.clone()),
                Span::styled(is::VISIT_OPEN.get(lang), DIM),
            ];
            p.push(Part::Short(self.fv(
                is::L_VISIT,
                spans,
                &["source_visit_id"],
            )));
        }
        let mut reg = it.registered_at.format("%Y-%m-%d %H:%M").to_string();
        if let Some(n) = &self.names.registrar {
            reg.push(' ');
            reg.push_str(n);
        }
        p.push(self.short(is::L_REGISTERED, reg, &["registered_at", "registered_by"]));
        let long = |label: T, text: &str, keys: &[&str]| {
            Part::Long(self.fv(label, vec![Span::raw(text.to_owned())], keys))
        };
        p.push(long(is::L_CONTENT, &it.content, &["content"]));
        if let Some(m) = it.measures.as_deref().filter(|m| !m.trim().is_empty()) {
            p.push(long(is::L_MEASURES, m, &["measures"]));
        }
        self.ledger_longs(&mut p);
        if let Some(r) = st.result.as_deref().filter(|r| !r.trim().is_empty()) {
            p.push(long(is::L_RESULT, r, &[]));
        }
        if let Some(d) = st.replied_on {
            p.push(self.short(is::L_REPLIED, d.to_string(), &[]));
        }
        if let (Some(d), Some(sat)) = (st.return_visit_on, st.satisfaction) {
            let label = Catalog::label(&cat.satisfaction, sat.code(), lang);
            let style = if sat.allows_closing() {
                Style::new().fg(Color::Green)
            } else {
                Style::new().fg(Color::Yellow)
            };
            let spans = vec![
                Span::raw(format!("{d} ")),
                Span::styled(label.to_owned(), style),
            ];
            p.push(Part::Short(self.fv(is::L_RETURN_VISIT, spans, &[])));
        }
        if let (ItemStatus::Closed, Some(at)) = (st.status, st.closed_at) {
            let by = self
                .events
                .iter()
                .rev()
                .find(|e| e.action.kind() == ActionKind::Close)
                .map(|e| e.by_name.clone())
                .unwrap_or_default();
            let text = format!("{} {by}", at.format("%Y-%m-%d %H:%M"));
            p.push(self.short(is::L_CLOSED, text.trim_end(), &[]));
        }
        p.push(Part::Heading(is::timeline_heading(lang, self.events.len())));
        p.extend(self.events.iter().map(|e| Part::Event(event_row(lang, e))));
        p
    }

    /// The ledger's own short fields (性质, 受益户数; 原因, 帮扶人, 周期; 人数, 风险, 领导).
    fn ledger_shorts(&self, p: &mut Vec<Part>) {
        let lang = self.lang;
        let cat = Catalog::builtin();
        let some = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        match &self.item.ledger_fields {
            LedgerFields::Livelihood {
                nature,
                beneficiaries,
            } => {
                if let Some(n) = some(nature) {
                    let label = Catalog::label(&cat.livelihood.natures, &n, lang).to_owned();
                    p.push(self.short(is::L_NATURE, label, &["nature"]));
                }
                if let Some(b) = beneficiaries {
                    p.push(self.short(is::L_BENEFICIARIES, b.to_string(), &["beneficiaries"]));
                }
            }
            LedgerFields::Hardship {
                causes,
                helper,
                review_cycle,
                ..
            } => {
                if !causes.is_empty() {
                    let labels: Vec<&str> = causes
                        .iter()
                        .map(|c| Catalog::label(&cat.hardship.causes, c, lang))
                        .collect();
                    let text = labels.join(lang.pick("、", ", "));
                    p.push(self.short(is::L_CAUSES, text, &["causes"]));
                }
                if let Some(h) = some(helper) {
                    p.push(self.short(is::L_HELPER, h, &["helper"]));
                }
                if let Some(r) = some(review_cycle) {
                    let label = Catalog::label(&cat.hardship.review_cycles, &r, lang).to_owned();
                    p.push(self.short(is::L_REVIEW, label, &["review_cycle"]));
                }
            }
            LedgerFields::Stability {
                people_involved,
                risk_level,
                leader,
                ..
            } => {
                if let Some(n) = people_involved {
                    p.push(self.short(is::L_PEOPLE, n.to_string(), &["people_involved"]));
                }
                if let Some(r) = some(risk_level) {
                    let label = Catalog::label(&cat.stability.risk_levels, &r, lang).to_owned();
                    let span = Span::styled(label, risk_style(&r));
                    p.push(Part::Short(self.fv(
                        is::L_RISK,
                        vec![span],
                        &["risk_level"],
                    )));
                }
                if let Some(l) = some(leader) {
                    p.push(self.short(is::L_LEADER, l, &["leader"]));
                }
            }
        }
    }

    /// The ledger's own long fields (帮扶措施 with amounts; 稳控措施).
    fn ledger_longs(&self, p: &mut Vec<Part>) {
        let lang = self.lang;
        let cat = Catalog::builtin();
        match &self.item.ledger_fields {
            LedgerFields::Hardship { assistance, .. } if !assistance.is_empty() => {
                let parts: Vec<String> = assistance
                    .iter()
                    .map(|a| {
                        let mut s =
                            Catalog::label(&cat.hardship.measures, &a.measure, lang).to_owned();
                        if let Some(f) = a.amount_fen {
                            s.push_str(&format!(" {}{}", yuan(f), lang.pick("元", " yuan")));
                        }
                        if let Some(d) = a.date {
                            s.push_str(&is::parens(lang, &d.to_string()));
                        }
                        s
                    })
                    .collect();
                let text = parts.join(lang.pick("；", "; "));
                let fv = self.fv(is::L_ASSISTANCE, vec![Span::raw(text)], &["assistance"]);
                p.push(Part::Long(fv));
            }
            LedgerFields::Stability {
                stabilisation: Some(s),
                ..
            } if !s.trim().is_empty() => {
                let fv = self.fv(
                    is::L_STABILISATION,
                    vec![Span::raw(s.clone())],
                    &["stabilisation"],
                );
                p.push(Part::Long(fv));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::yuan;

    #[test]
    fn amounts_in_yuan_with_groups() {
        assert_eq!(yuan(120_050), "1,200.50");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(100_000_000), "1,000,000.00");
    }
}
