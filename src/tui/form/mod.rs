//! The form every screen uses to create and edit records: labelled fields, focus movement,
//! inline errors, `Ctrl+S` to save, `Esc` asking before it discards typed text, and the values
//! as a map so an open form can be kept as a draft and restored after a crash.

mod draw;
pub mod field;

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::validate::FieldError;
use crate::i18n::{Lang, Localized};
use crate::tui::strings::T;
use crate::tui::widgets::input::TextInput;

pub use field::{Choice, Field, FieldEvent, FieldKind, Picked};

/// Suggestions a picker shows at most.
pub const MAX_SUGGESTIONS: usize = 6;

/// What a key did to the form, for its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEvent {
    /// Nothing for the owner to do.
    None,
    /// `Ctrl+S`: the owner validates and saves, or puts errors on the fields.
    Save,
    /// The user left without saving (nothing typed, or discarding confirmed).
    Cancel,
    /// A field's value changed (e.g. the category, so a computed deadline changes).
    Changed(&'static str),
    /// A picker's query changed: the owner looks up suggestions ([`Form::set_suggestions`]).
    Query(&'static str),
    /// A key the form does not use (the owner may: e.g. `Ctrl+R` to raise a matter).
    Unused(KeyEvent),
}

/// A form: a title and fields, one of them focused.
pub struct Form {
    pub lang: Lang,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Values when opened (or last saved): the form is dirty when they differ.
    initial: BTreeMap<&'static str, String>,
    /// Asking "discard changes?" after Esc.
    pub confirming: bool,
    /// A line under the title (e.g. the save failed as a whole: "database busy").
    pub message: Option<String>,
    /// Extra lines drawn under the fields (e.g. matters raised in a visit form).
    pub footer: Vec<String>,
}

impl Form {
    pub fn new(lang: Lang, title: impl Into<String>) -> Form {
        Form {
            lang,
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            initial: BTreeMap::new(),
            confirming: false,
            message: None,
            footer: Vec::new(),
        }
    }

    fn push(mut self, key: &'static str, label: T, kind: FieldKind) -> Form {
        self.fields.push(Field {
            key,
            label,
            kind,
            required: false,
            note: None,
            error: None,
        });
        let v = self.fields.last().map(Field::value).unwrap_or_default();
        self.initial.insert(key, v);
        self
    }

    /// A single-line text field.
    pub fn text(self, key: &'static str, label: T, value: &str) -> Form {
        self.push(key, label, FieldKind::Text(TextInput::new(value)))
    }

    /// A multi-line text field `rows` rows high.
    pub fn multi(self, key: &'static str, label: T, value: &str, rows: u16) -> Form {
        let ta = field::textarea(value);
        self.push(key, label, FieldKind::Multi(Box::new(ta), rows.max(2)))
    }

    /// A choice among `options`, starting at the option whose code is `selected`.
    pub fn select(
        self,
        key: &'static str,
        label: T,
        options: Vec<Choice>,
        selected: Option<&str>,
        optional: bool,
    ) -> Form {
        let sel = selected.and_then(|s| options.iter().position(|c| c.code == s));
        let sel = if sel.is_none() && !optional && !options.is_empty() {
            Some(0)
        } else {
            sel
        };
        self.push(
            key,
            label,
            FieldKind::Select {
                options,
                selected: sel,
                optional,
            },
        )
    }

    /// A yes/no field.
    pub fn check(self, key: &'static str, label: T, value: bool) -> Form {
        self.push(key, label, FieldKind::Check(value))
    }

    /// A picker of records found by typing; `multiple` keeps several picks.
    pub fn picker(self, key: &'static str, label: T, picked: Vec<Picked>, multiple: bool) -> Form {
        self.push(
            key,
            label,
            FieldKind::Picker {
                query: TextInput::default(),
                suggestions: Vec::new(),
                highlighted: 0,
                picked,
                multiple,
            },
        )
    }

    /// Marks the last added field required (a `*` after its label).
    pub fn required(mut self) -> Form {
        if let Some(f) = self.fields.last_mut() {
            f.required = true;
        }
        self
    }

    /// Sets the grey note after the last added field.
    pub fn note(mut self, note: impl Into<String>) -> Form {
        if let Some(f) = self.fields.last_mut() {
            f.note = Some(note.into());
        }
        self
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// The field's value (see [`Field::value`]); empty for an unknown key.
    pub fn value(&self, key: &str) -> String {
        self.field(key).map(Field::value).unwrap_or_default()
    }

    /// The picks of a picker field.
    pub fn picked(&self, key: &str) -> Vec<Picked> {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Picker { picked, .. }) => picked.clone(),
            _ => Vec::new(),
        }
    }

    /// Replaces a picker's picks (restoring a draft).
    pub fn set_picked(&mut self, key: &str, picks: Vec<Picked>) {
        if let Some(FieldKind::Picker { picked, .. }) = self.field_mut(key).map(|f| &mut f.kind) {
            *picked = picks;
        }
    }

    /// The typed query of a picker field.
    pub fn query(&self, key: &str) -> String {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Picker { query, .. }) => query.value(),
            _ => String::new(),
        }
    }

    /// Shows `found` under a picker field.
    pub fn set_suggestions(&mut self, key: &str, found: Vec<Picked>) {
        if let Some(FieldKind::Picker {
            suggestions,
            highlighted,
            ..
        }) = self.field_mut(key).map(|f| &mut f.kind)
        {
            *suggestions = found;
            *highlighted = 0;
        }
    }

    /// Sets a field's value from code (a computed deadline, a restored draft).
    pub fn set_value(&mut self, key: &str, v: &str) {
        if let Some(f) = self.field_mut(key) {
            f.set_value(v);
        }
    }

    /// Sets or clears a field's grey note.
    pub fn set_note(&mut self, key: &str, note: Option<String>) {
        if let Some(f) = self.field_mut(key) {
            f.note = note;
        }
    }

    /// Every value by key (what a draft keeps).
    pub fn values(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .map(|f| (f.key.to_owned(), f.value()))
            .collect()
    }

    /// Puts back values from [`Form::values`]; unknown keys are ignored. The form stays dirty
    /// compared with how it was opened, so leaving still asks.
    pub fn restore(&mut self, values: &BTreeMap<String, String>) {
        for f in &mut self.fields {
            if let Some(v) = values.get(f.key) {
                f.set_value(v);
            }
        }
    }

    /// True if anything differs from how the form was opened.
    pub fn is_dirty(&self) -> bool {
        self.fields
            .iter()
            .any(|f| self.initial.get(f.key).is_none_or(|v| *v != f.value()))
    }

    /// Clears every error message.
    pub fn clear_errors(&mut self) {
        self.message = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Puts `msg` under field `key`; unknown keys go to the form's message line.
    pub fn set_error(&mut self, key: &str, msg: impl Into<String>) {
        let msg = msg.into();
        match self.field_mut(key) {
            Some(f) => f.error = Some(msg),
            None => self.message = Some(msg),
        }
    }

    /// Puts each validation error under its field and focuses the first one, so an invalid
    /// form stays open with everything typed still there.
    pub fn show_errors(&mut self, errors: &[FieldError]) {
        self.clear_errors();
        for e in errors {
            self.set_error(e.field, e.message(self.lang));
        }
        self.focus_first_error();
    }

    /// Moves the focus to the first field with an error.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    /// True if any field shows an error.
    pub fn has_errors(&self) -> bool {
        self.message.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    /// The focused field's key.
    pub fn focused(&self) -> &'static str {
        self.fields.get(self.focus).map_or("", |f| f.key)
    }

    /// Focuses field `key`.
    pub fn focus_on(&mut self, key: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.focus = i;
        }
    }

    /// Forgets the changes (after a save): the form is clean again.
    pub fn mark_saved(&mut self) {
        self.initial = self.fields.iter().map(|f| (f.key, f.value())).collect();
    }

    /// Hides the focused picker's suggestions; false if none were shown.
    fn close_suggestions(&mut self) -> bool {
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(FieldKind::Picker { suggestions, .. }) if !suggestions.is_empty() => {
                suggestions.clear();
                true
            }
            _ => false,
        }
    }

    fn move_focus(&mut self, delta: isize) {
        let n = self.fields.len();
        if n > 0 {
            self.focus = (self.focus as isize + delta).rem_euclid(n as isize) as usize;
        }
    }

    /// Applies one key press.
    pub fn handle(&mut self, key: KeyEvent) -> FormEvent {
        if key.kind != KeyEventKind::Press {
            return FormEvent::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.confirming {
            return match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => FormEvent::Cancel,
                _ => {
                    self.confirming = false;
                    FormEvent::None
                }
            };
        }
        match key.code {
            KeyCode::Char('s') if ctrl => return FormEvent::Save,
            // Esc first closes a picker's suggestions, then leaves the form.
            KeyCode::Esc if self.close_suggestions() => return FormEvent::None,
            KeyCode::Esc => {
                if self.is_dirty() {
                    self.confirming = true;
                    return FormEvent::None;
                }
                return FormEvent::Cancel;
            }
            KeyCode::Tab => {
                self.move_focus(1);
                return FormEvent::None;
            }
            KeyCode::BackTab => {
                self.move_focus(-1);
                return FormEvent::None;
            }
            _ => {}
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return FormEvent::Unused(key);
        };
        let multiline = f.is_multiline();
        let fkey = f.key;
        match f.handle(key) {
            FieldEvent::Edited => {
                f.error = None;
                FormEvent::Changed(fkey)
            }
            FieldEvent::Query => FormEvent::Query(fkey),
            FieldEvent::Used => FormEvent::None,
            FieldEvent::Next => {
                // Enter on the last field stays there: a pasted trailing newline must not wrap
                // round to the first field and type into it.
                if self.focus + 1 < self.fields.len() {
                    self.focus += 1;
                }
                FormEvent::None
            }
            FieldEvent::Ignored => match key.code {
                KeyCode::Down if !multiline => {
                    self.move_focus(1);
                    FormEvent::None
                }
                KeyCode::Up if !multiline => {
                    self.move_focus(-1);
                    FormEvent::None
                }
                _ => FormEvent::Unused(key),
            },
        }
    }
}

#[cfg(test)]
mod tests;
