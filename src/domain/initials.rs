//! Pinyin initials of Chinese names (王凯 → `wk`), for the household picker: cadres type the
//! initials faster than the characters, and an IME is not needed to find a household.

use pinyin::ToPinyin;

/// Surnames whose reading differs from the character's most common one (单 is Shàn as a
/// surname, not dān), so their initial is looked up here for the first character of a name.
const SURNAME_INITIALS: &[(char, char)] = &[
    ('单', 's'),
    ('曾', 'z'),
    ('解', 'x'),
    ('仇', 'q'),
    ('朴', 'p'),
    ('区', 'o'),
    ('查', 'z'),
    ('盖', 'g'),
    ('缪', 'm'),
    ('翟', 'z'),
    ('覃', 'q'),
    ('尉', 'y'),
    ('乐', 'y'),
    ('长', 'c'),
    ('重', 'c'),
    ('秘', 'b'),
];

/// The lowercase initials of `name`: the first pinyin letter of each Chinese character, ASCII
/// letters and digits as they are (lowercased), everything else (spaces, ·) dropped.
pub fn initials(name: &str) -> String {
    let mut out = String::with_capacity(name.len() / 3 + 1);
    for (i, (c, py)) in name.chars().zip(name.to_pinyin()).enumerate() {
        if let Some(&(_, s)) = (i == 0)
            .then(|| SURNAME_INITIALS.iter().find(|(h, _)| *h == c))
            .flatten()
        {
            out.push(s);
        } else if let Some(py) = py {
            out.push_str(py.first_letter());
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// Whether a picker query is pinyin initials (ASCII letters only), to be matched against
/// [`initials`] rather than against the characters of names.
pub fn looks_like_initials(query: &str) -> bool {
    !query.is_empty() && query.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_common_names() {
        assert_eq!(initials("王凯"), "wk");
        assert_eq!(initials("汪晓艳"), "wxy");
        assert_eq!(initials("黄育昌"), "hyc");
        assert_eq!(initials("欧阳秀英"), "oyxy");
    }

    #[test]
    fn surname_readings_win_for_the_first_character_only() {
        assert_eq!(initials("单田芳"), "stf");
        assert_eq!(initials("曾国藩"), "zgf");
        // 单 inside a given name keeps its common reading.
        assert_eq!(initials("王单"), "wd");
    }

    #[test]
    fn ascii_is_kept_and_punctuation_dropped() {
        assert_eq!(initials("李 Lily2"), "llily2");
        assert_eq!(initials("阿依·买买提"), "aymmt");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn initials_queries_are_ascii_letters() {
        assert!(looks_like_initials("wk"));
        assert!(looks_like_initials("WK"));
        assert!(!looks_like_initials("王k"));
        assert!(!looks_like_initials("5678"));
        assert!(!looks_like_initials(""));
    }
}
