//! Reading the XML parts of an XLSX file (styles and print setup, which calamine does not show).

use std::io::Read;
use std::path::Path;

/// The XML of one part of an XLSX file.
pub fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("a zip file");
    let mut s = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// The text between `start` and the next `end` after position `from`.
pub fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let i = s.find(start).expect(start) + start.len();
    let j = s[i..].find(end).expect(end) + i;
    &s[i..j]
}

/// The fill colour (ARGB hex, or "") of the style of cell `r` in the first sheet.
pub fn fill_of(path: &Path, r: &str) -> String {
    let sheet = part(path, "xl/worksheets/sheet1.xml");
    let style: usize = between(&sheet, &format!("<c r=\"{r}\" s=\""), "\"")
        .parse()
        .expect("style index");
    let styles = part(path, "xl/styles.xml");
    let xfs: Vec<&str> = between(&styles, "<cellXfs", "</cellXfs>")
        .split("<xf ")
        .skip(1)
        .collect();
    let fill: usize = between(xfs[style], "fillId=\"", "\"")
        .parse()
        .expect("fill");
    let fills: Vec<&str> = between(&styles, "<fills", "</fills>")
        .split("<fill>")
        .skip(1)
        .collect();
    fills[fill]
        .split("rgb=\"")
        .nth(1)
        .map(|s| s[..8].to_owned())
        .unwrap_or_default()
}
