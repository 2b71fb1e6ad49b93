//! Wrapping text into lines of a display width for detail screens: Chinese breaks between
//! any two characters, Latin words stay whole where they fit, line breaks are kept.

use crate::tui::text::width;

/// `text` cut into lines of at most `max` columns: at line breaks, between CJK characters,
/// and at spaces in Latin text (a word longer than a line is cut where it must be).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for token in tokens(para) {
            let w = width(token);
            if used + w <= max {
                line.push_str(token);
                used += w;
                continue;
            }
            if token == " " {
                continue;
            }
            if w <= max && !line.is_empty() {
                out.push(std::mem::take(&mut line).trim_end().to_owned());
                line.push_str(token);
                used = w;
                continue;
            }
            for c in token.chars() {
                let cw = width(c.encode_utf8(&mut [0; 4]));
                if used + cw > max && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line.trim_end().to_owned());
    }
    out
}

/// Runs of ASCII non-space characters (a word), single spaces, and single other characters.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let word = c.is_ascii() && !c.is_ascii_whitespace();
        match (word, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, st) => {
                if let Some(b) = st {
                    out.push(&s[b..i]);
                }
                start = None;
                out.push(&s[i..i + c.len_utf8()]);
            }
        }
    }
    if let Some(b) = start {
        out.push(&s[b..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use crate::tui::text::width;

    #[test]
    fn chinese_breaks_anywhere_within_the_width() {
        let lines = wrap("入户走访王凯家，反映赤石组饮水管道冻裂", 10);
        assert_eq!(
            lines,
            vec!["入户走访王", "凯家，反映", "赤石组饮水", "管道冻裂"]
        );
        assert!(lines.iter().all(|l| width(l) <= 10));
    }

    #[test]
    fn latin_words_stay_whole_and_long_ones_are_cut() {
        assert_eq!(wrap("water pipe broken", 11), vec!["water pipe", "broken"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("水管 pipe", 6), vec!["水管", "pipe"]);
    }

    #[test]
    fn line_breaks_are_kept_and_empty_text_is_one_line() {
        assert_eq!(wrap("第一行\n第二行", 20), vec!["第一行", "第二行"]);
        assert_eq!(wrap("", 5), vec![""]);
    }
}
