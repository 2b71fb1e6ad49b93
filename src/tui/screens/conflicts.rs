//! The conflict review: every field with concurrent values (of one record or of all), the
//! values side by side, and resolving by picking one or typing a merged value. Resolving
//! writes one operation over all current values, so the conflict clears on every replica that
//! receives it. Drawing is in `conflicts_draw.rs`.

use crossterm::event::{KeyCode, KeyEvent};
use serde_json::Value;
use uuid::Uuid;

use crate::domain::DELETED_FIELD;
use crate::i18n::{Lang, Localized};
use crate::store::local::Draft;
use crate::store::query::Conflict;
use crate::store::{Page, StoreError};
use crate::tui::form::{Form, FormEvent};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::screens::conflicts_strings as cs;
use crate::tui::strings::T;

/// Conflicts listed at once; the rest follow as earlier ones are resolved.
const PAGE: u64 = 200;

/// One conflict with the name of its record.
pub struct Row {
    pub conflict: Conflict,
    pub record: String,
}

/// The typed merged value of one conflict.
pub struct Merge {
    pub form: Form,
    /// Index into `rows` of the conflict being merged.
    pub row: usize,
}

/// The conflict review layer.
pub struct ConflictsLayer {
    pub lang: Lang,
    /// One record's conflicts, or all.
    pub scope: Option<Uuid>,
    pub rows: Vec<Row>,
    pub more: bool,
    pub selected: usize,
    /// Which value of the selected conflict is highlighted.
    pub pick: usize,
    pub merge: Option<Merge>,
    /// The last result or error, in the user's language.
    pub message: Option<String>,
}

/// A stored value as the user reads it.
pub fn show_value(lang: Lang, v: &Value) -> String {
    match v {
        Value::Null => cs::EMPTY.get(lang).to_owned(),
        Value::String(s) if s.is_empty() => cs::EMPTY.get(lang).to_owned(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => cs::YES.get(lang).to_owned(),
        Value::Bool(false) => cs::NO.get(lang).to_owned(),
        Value::Array(a) => a
            .iter()
            .map(|x| show_value(lang, x))
            .collect::<Vec<_>>()
            .join("、"),
        other => other.to_string(),
    }
}

impl ConflictsLayer {
    /// The conflicts of record `scope` (or of every record).
    pub fn open(ctx: &mut Ctx<'_>, scope: Option<Uuid>) -> Result<ConflictsLayer, StoreError> {
        let mut l = ConflictsLayer {
            lang: ctx.lang,
            scope,
            rows: Vec::new(),
            more: false,
            selected: 0,
            pick: 0,
            merge: None,
            message: None,
        };
        l.load(ctx)?;
        Ok(l)
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        let page = ctx.store.conflicts(Page::first(PAGE))?;
        let scope = self.scope.map(|u| u.to_string());
        self.more = page.more;
        self.rows = page
            .rows
            .into_iter()
            .filter(|c| scope.as_ref().is_none_or(|s| *s == c.entity_id))
            .map(|c| {
                let name = ctx.store.describe(c.entity, &c.entity_id).ok().flatten();
                let record = format!(
                    "{} {}",
                    cs::entity_label(c.entity).get(self.lang),
                    name.unwrap_or_else(|| c.entity_id.chars().take(8).collect())
                );
                Row {
                    conflict: c,
                    record,
                }
            })
            .collect();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.pick = 0;
        Ok(())
    }

    /// The choices of conflict `c`: its values, or for a delete/edit conflict "keep deleted" and
    /// "keep the record".
    pub fn choices(&self, c: &Conflict) -> Vec<(Value, String)> {
        if c.field == DELETED_FIELD {
            return vec![
                (
                    Value::Bool(true),
                    cs::KEEP_DELETED.get(self.lang).to_owned(),
                ),
                (
                    Value::Bool(false),
                    cs::KEEP_RECORD.get(self.lang).to_owned(),
                ),
            ];
        }
        c.values
            .iter()
            .map(|(_, _, v)| (v.clone(), show_value(self.lang, v)))
            .collect()
    }

    /// Writes `value` as the resolution of row `row`.
    fn resolve(&mut self, ctx: &mut Ctx<'_>, row: usize, value: Value) -> Outcome {
        let Some(r) = self.rows.get(row) else {
            return Outcome::Stay;
        };
        let (kind, field) = (r.conflict.entity, r.conflict.field.clone());
        let Ok(id) = r.conflict.entity_id.parse::<Uuid>() else {
            return Outcome::Stay;
        };
        let done = format!(
            "{}{} · {}",
            cs::RESOLVED.get(self.lang),
            r.record,
            cs::field_label(&field, self.lang)
        );
        match ctx.store.write(|w| w.resolve(kind, id, &field, value)) {
            Ok(_) => {
                if let Err(e) = self.load(ctx) {
                    self.message = Some(e.message(self.lang));
                    return Outcome::Stay;
                }
                if self.rows.is_empty() {
                    return Outcome::Saved(done);
                }
                self.message = Some(done);
            }
            Err(e) => self.message = Some(e.message(self.lang)),
        }
        Outcome::Stay
    }

    /// Opens the merged-value editor for the selected conflict, prefilled with `text`.
    fn start_merge(&mut self, text: &str) {
        let Some(r) = self.rows.get(self.selected) else {
            return;
        };
        if r.conflict.field == DELETED_FIELD {
            self.message = Some(cs::NO_MERGE_DELETE.get(self.lang).to_owned());
            return;
        }
        let title = format!(
            "{} · {} · {}",
            cs::MERGE_TITLE.get(self.lang),
            r.record,
            cs::field_label(&r.conflict.field, self.lang)
        );
        let form = Form::new(self.lang, title).multi("value", cs::MERGED, text, 6);
        self.merge = Some(Merge {
            form,
            row: self.selected,
        });
    }

    /// The typed text as a value of the same kind as the competing ones.
    fn merged_value(&self, row: usize, text: &str) -> Result<Value, String> {
        let all_text = self.rows.get(row).is_some_and(|r| {
            r.conflict
                .values
                .iter()
                .all(|(_, _, v)| matches!(v, Value::String(_) | Value::Null))
        });
        if all_text {
            return Ok(Value::String(text.trim().to_owned()));
        }
        serde_json::from_str(text).map_err(|_| cs::BAD_JSON.get(self.lang).to_owned())
    }

    fn merge_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        let Some(m) = &mut self.merge else {
            return Outcome::Stay;
        };
        match m.form.handle(key) {
            FormEvent::Cancel => self.merge = None,
            FormEvent::Save => {
                let (row, text) = (m.row, m.form.value("value"));
                match self.merged_value(row, &text) {
                    Ok(v) => {
                        self.merge = None;
                        return self.resolve(ctx, row, v);
                    }
                    Err(msg) => {
                        if let Some(m) = &mut self.merge {
                            m.form.set_error("value", msg);
                        }
                    }
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// Reopens the merged-value editor from a draft.
    pub fn restore_merge(&mut self, entity_id: &str, field: &str, text: &str) -> bool {
        let Some(i) = self
            .rows
            .iter()
            .position(|r| r.conflict.entity_id == entity_id && r.conflict.field == field)
        else {
            return false;
        };
        self.selected = i;
        self.start_merge("");
        if let Some(m) = &mut self.merge {
            m.form.set_value("value", text);
        }
        true
    }
}

impl Layer for ConflictsLayer {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        if self.merge.is_some() {
            return self.merge_key(ctx, key);
        }
        self.message = None;
        let n = self.rows.len();
        let choices = self
            .rows
            .get(self.selected)
            .map_or(0, |r| self.choices(&r.conflict).len());
        match key.code {
            KeyCode::Up | KeyCode::Char('k') if self.selected > 0 => {
                self.selected -= 1;
                self.pick = 0;
            }
            KeyCode::Down | KeyCode::Char('j') if self.selected + 1 < n => {
                self.selected += 1;
                self.pick = 0;
            }
            KeyCode::Left | KeyCode::Char('h') if self.pick > 0 => self.pick -= 1,
            KeyCode::Right | KeyCode::Char('l') if self.pick + 1 < choices => self.pick += 1,
            KeyCode::Enter => {
                let value = self.rows.get(self.selected).and_then(|r| {
                    self.choices(&r.conflict)
                        .into_iter()
                        .nth(self.pick)
                        .map(|(v, _)| v)
                });
                if let Some(v) = value {
                    return self.resolve(ctx, self.selected, v);
                }
            }
            KeyCode::Char('e') => {
                let text = self
                    .rows
                    .get(self.selected)
                    .and_then(|r| r.conflict.values.get(self.pick))
                    .map(|(_, _, v)| show_value(self.lang, v))
                    .unwrap_or_default();
                self.start_merge(&text);
            }
            KeyCode::Esc => return Outcome::Close,
            KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right => {}
            KeyCode::Char('k' | 'j' | 'h' | 'l') => {}
            _ => return Outcome::Pass,
        }
        Outcome::Stay
    }

    fn render(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
        self.draw(area, buf);
    }

    /// A click on a conflict selects it; in the editor, on a field focuses it.
    fn on_click(
        &mut self,
        _ctx: &mut Ctx<'_>,
        area: ratatui::layout::Rect,
        col: u16,
        row: u16,
    ) -> Outcome {
        let [list, detail] = self.split(area);
        if let Some(m) = &mut self.merge {
            m.form.click(detail, col, row);
        } else if row > list.y && row < list.bottom() {
            let i = self.first_shown(list) + usize::from(row - list.y - 1);
            if i < self.rows.len() && i != self.selected {
                self.selected = i;
                self.pick = 0;
            }
        }
        Outcome::Stay
    }

    fn on_scroll(&mut self, _ctx: &mut Ctx<'_>, lines: i32) {
        if self.merge.is_none() && !self.rows.is_empty() {
            let to = (self.selected as i64 + i64::from(lines.signum()))
                .clamp(0, self.rows.len() as i64 - 1);
            self.selected = to as usize;
            self.pick = 0;
        }
    }

    fn cursor(&self, area: ratatui::layout::Rect) -> Option<ratatui::layout::Position> {
        self.merge.as_ref().and_then(|m| m.form.cursor(area))
    }

    fn hint(&self) -> T {
        if self.merge.is_some() {
            cs::HINT_MERGE
        } else {
            cs::HINT
        }
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        cs::KEYS.to_vec()
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) {
        if let Err(e) = self.load(ctx) {
            self.message = Some(e.message(self.lang));
        }
    }

    fn unsaved(&self) -> bool {
        self.merge.as_ref().is_some_and(|m| m.form.is_dirty())
    }

    fn draft_slot(&self) -> Option<String> {
        let m = self.merge.as_ref()?;
        let c = &self.rows.get(m.row)?.conflict;
        Some(format!("conflict_merge:{}:{}", c.entity_id, c.field))
    }

    fn draft(&self) -> Option<Draft> {
        let m = self.merge.as_ref()?;
        let r = self.rows.get(m.row)?;
        let body = serde_json::json!({
            "entity_id": r.conflict.entity_id,
            "field": r.conflict.field,
            "value": m.form.value("value"),
        });
        Some(Draft {
            slot: self.draft_slot()?,
            kind: "conflict_merge".into(),
            title: m.form.title.clone(),
            body: body.to_string(),
            saved_at: String::new(),
        })
    }
}

/// Reopens a merged value typed before a crash.
pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<Box<dyn Layer>>, StoreError> {
    let body: Value = serde_json::from_str(&d.body)?;
    let (Some(id), Some(field), Some(text)) = (
        body["entity_id"].as_str(),
        body["field"].as_str(),
        body["value"].as_str(),
    ) else {
        return Ok(None);
    };
    let Ok(uuid) = id.parse::<Uuid>() else {
        return Ok(None);
    };
    let mut l = ConflictsLayer::open(ctx, Some(uuid))?;
    if !l.restore_merge(id, field, text) {
        return Ok(None);
    }
    Ok(Some(Box::new(l)))
}
