//! Text measured in terminal display columns (CJK characters are 2 wide), so Chinese columns
//! line up: truncation with "…" and padding by width, never by bytes or characters.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display columns of `s`.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns; a cut text ends in "…" (1 column) so the reader sees it
/// was cut. A wide character that would straddle the edge is dropped whole, never halved.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` truncated to `cols` columns and padded with spaces to exactly `cols`, for a table cell.
pub fn cell(s: &str, cols: usize) -> String {
    let mut out = truncate(s, cols);
    let pad = cols.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_chinese_by_columns() {
        assert_eq!(truncate("低保申请材料补充", 7), "低保申…");
        assert_eq!(width(&cell("王凯", 6)), 6);
        assert_eq!(cell("关于村道硬化", 5), "关于…");
        assert_eq!(width(&cell("关于村道硬化", 5)), 5);
        assert_eq!(truncate("abc", 3), "abc");
    }
}
