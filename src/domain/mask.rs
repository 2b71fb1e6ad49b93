//! Masking of personal data (ID numbers, phone numbers, names) for lists and reports.

use super::validate::normalize_text;

/// Keeps `head` leading and `tail` trailing characters of a value whose full form has
/// `full_len` characters and masks the rest, one `*` per character. Shorter values keep
/// proportionally fewer, so a fragment never shows more of itself than a whole value does.
fn mask_middle(s: &str, head: usize, tail: usize, full_len: usize) -> String {
    let chars: Vec<char> = normalize_text(s).chars().collect();
    let n = chars.len();
    let (head, tail) = if n >= full_len {
        (head, tail)
    } else {
        (head * n / full_len, tail * n / full_len)
    };
    let mut out: String = chars.iter().take(head).collect();
    out.extend(std::iter::repeat_n('*', n - head - tail));
    out.extend(chars.iter().skip(n - tail));
    out
}

/// An ID number as lists and reports show it: `110105********002X` (first 6 and last 4).
pub fn mask_id_number(s: &str) -> String {
    mask_middle(s, 6, 4, 18)
}

/// A phone number as lists and reports show it: `138****5678` (first 3 and last 4).
pub fn mask_phone(s: &str) -> String {
    mask_middle(s, 3, 4, 11)
}

/// Compound surnames (复姓) still in use, kept whole so `欧阳修` masks as `欧阳*`, not `欧**`.
const COMPOUND_SURNAMES: [&str; 20] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "独孤", "夏侯", "轩辕", "端木", "西门", "南宫", "呼延",
];

/// A name as lists and reports show it: the surname kept and every other character masked
/// (`王*`, `张**`, `欧阳**`). A one-character name is masked whole, since keeping it would
/// show everything.
pub fn mask_name(s: &str) -> String {
    let name = normalize_text(s);
    let n = name.chars().count();
    let keep = match n {
        0 | 1 => 0,
        2 => 1,
        _ if COMPOUND_SURNAMES.iter().any(|p| name.starts_with(p)) => 2,
        _ => 1,
    };
    let mut out: String = name.chars().take(keep).collect();
    out.extend(std::iter::repeat_n('*', n - keep));
    out
}
