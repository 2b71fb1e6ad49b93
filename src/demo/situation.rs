//! Demo situations: the household a note is about, the templates of one kind of matter, and the
//! hashes that keep one household's world ({hamlet}, a situation's vars) the same in every note.

use serde::Deserialize;

use super::vocab::{Lists, list, vocab};
use crate::domain::Ledger;

type Rng = fastrand::Rng;

/// Who and where a note is about; every template may use these.
#[derive(Debug, Clone, Copy)]
pub struct NoteContext<'a> {
    pub head: &'a str,
    pub village: &'a str,
    pub group: &'a str,
    pub cadre: &'a str,
    pub members: u32,
}

/// An assistance measure a hardship situation typically gets, with its yuan-per-payment range.
#[derive(Debug, Clone, Deserialize)]
pub struct Measure {
    pub code: String,
    pub yuan: (i64, i64),
}

impl Measure {
    /// Rounded like real payments (10 yuan, 100 from 1000 up) so amounts do not look random.
    pub fn draw(&self, rng: &mut Rng) -> i64 {
        let (lo, hi) = (self.yuan.0.min(self.yuan.1), self.yuan.0.max(self.yuan.1));
        let y = rng.i64(lo..=hi);
        let step = if y >= 1000 { 100 } else { 10 };
        (y / step * step).max(lo)
    }
}

/// A realistic kind of matter: its codes and the templates that describe it at every step.
#[derive(Debug, Clone, Deserialize)]
pub struct Situation {
    pub key: String,
    pub ledger: Ledger,
    /// Category code; for hardship the main difficulty cause (`causes[0]`).
    pub category: String,
    pub nature: Option<String>,
    #[serde(default)]
    pub causes: Vec<String>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    pub risk: Option<String>,
    pub people_involved: Option<(u32, u32)>,
    /// 受益户数 for livelihood matters.
    pub beneficiaries: Option<(u32, u32)>,
    /// Relative frequency: broken water pipes are common, illegal fund-raising is rare.
    #[serde(default = "one")]
    pub weight: u32,
    /// Household tag codes that fit the household this happens to.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The situation's own placeholders, e.g. {pipe} → 主管/入户管.
    #[serde(default)]
    pub(super) vars: Lists,
    /// Template lists: titles, contents, diary, progress, results, replies, stabilisation.
    #[serde(flatten)]
    pub(super) t: Lists,
}

fn one() -> u32 {
    1
}

impl Situation {
    /// Short title (≤ 30 characters).
    pub fn title(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "titles", ctx, "")
    }

    /// What the resident reported, in their words or as reported speech.
    pub fn content(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "contents", ctx, "")
    }

    /// The 民情日志 entry of the household visit that raised the matter.
    pub fn diary_note(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "diary", ctx, "")
    }

    pub fn progress_note(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "progress", ctx, "")
    }

    /// 办理结果.
    pub fn result(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "results", ctx, "")
    }

    fn text(&self, rng: &mut Rng, key: &str, ctx: &NoteContext, content: &str) -> String {
        vocab().render(rng, list(&self.t, key), (ctx, Some(self), content))
    }

    fn optional(&self, rng: &mut Rng, key: &str, ctx: &NoteContext) -> Option<String> {
        (!list(&self.t, key).is_empty()).then(|| self.text(rng, key, ctx, ""))
    }

    /// 合理答复, for situations where policy may not allow the request.
    pub fn deferred_reply(&self, rng: &mut Rng, ctx: &NoteContext) -> Option<String> {
        self.optional(rng, "replies", ctx)
    }

    /// 稳控/化解措施 (stability only).
    pub fn stabilisation(&self, rng: &mut Rng, ctx: &NoteContext) -> Option<String> {
        self.optional(rng, "stabilisation", ctx)
    }

    /// The entry for a visit of `kind` (visit_kinds code): at a desk, on the phone or in a
    /// courtyard meeting nobody walked to the house, so the resident's words are framed instead.
    pub fn diary_note_of(&self, rng: &mut Rng, ctx: &NoteContext, kind: &str) -> String {
        let wrappers = list(&vocab().texts.wrappers, kind);
        if wrappers.is_empty() {
            return self.diary_note(rng, ctx);
        }
        let content = self.content(rng, ctx);
        vocab().render(rng, wrappers, (ctx, Some(self), &content))
    }

    /// Up to `n` distinct progress notes in the order the work happens (templates are ordered).
    pub fn progress_steps(&self, rng: &mut Rng, ctx: &NoteContext, n: usize) -> Vec<String> {
        let all = list(&self.t, "progress");
        let (len, mut want) = (all.len(), n.min(all.len()));
        let mut out = Vec::with_capacity(want);
        for (i, tpl) in all.iter().enumerate() {
            if want > 0 && rng.usize(..len - i) < want {
                out.push(vocab().fill(tpl, (ctx, Some(self), "")));
                want -= 1;
            }
        }
        out
    }
}

/// FNV-1a: stable across runs and platforms, unlike std's randomly keyed hasher.
pub(super) fn fnv(parts: &[&str]) -> u64 {
    let bytes = parts.iter().flat_map(|p| p.bytes().chain([0xff]));
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    bytes.fold(0xcbf2_9ce4_8422_2325, step)
}

/// splitmix64 finaliser, so similar seeds still pick unrelated entries.
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The entry of `list` that belongs to this household (and situation) for placeholder `name`.
pub(super) fn hashed<'a>(
    list: &'a [String],
    ctx: &NoteContext,
    sit: Option<&Situation>,
    name: &str,
) -> &'a str {
    let key = sit.map_or("", |s| s.key.as_str());
    let i = mix(fnv(&[ctx.head, ctx.village, ctx.group, key, name]));
    list.get((i % list.len().max(1) as u64) as usize)
        .map_or("", String::as_str)
}
