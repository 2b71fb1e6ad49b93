//! CSV output: UTF-8 with a byte-order mark (so Excel and WPS open Chinese text correctly),
//! CRLF line ends, RFC 4180 quoting, and text that Excel would take for a formula kept as text.

use std::io::Write;

use super::cells::Cell;

/// The UTF-8 byte-order mark that tells Excel and WPS the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One field as CSV: quoted when it holds a comma, a quote, a line break or leading/trailing
/// spaces, with every quote doubled.
pub fn field(s: &str) -> std::borrow::Cow<'_, str> {
    let needs = s.contains([',', '"', '\n', '\r'])
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// Characters that make Excel and WPS read a CSV field as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as CSV text. Text typed into a ledger (or brought in by `ingest`) that starts
/// like a formula (`=HYPERLINK(…)`, `+1`, `@SUM(…)`) would be run by Excel or WPS when the
/// file is opened; a leading apostrophe keeps it text, as OWASP advises for CSV exports, and
/// `ingest` takes it off again. Numbers and dates are written as they are.
pub fn text_field(cell: &Cell) -> String {
    let s = cell.plain();
    if matches!(cell, Cell::Text(_)) && s.starts_with(FORMULA_STARTS) {
        format!("'{s}")
    } else {
        s
    }
}

/// Writes one record (fields joined by commas, ended by CRLF).
pub fn record<W: Write, S: AsRef<str>>(out: &mut W, fields: &[S]) -> std::io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(field(f.as_ref()).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// A CSV report being written.
pub struct CsvSink<W: Write> {
    out: W,
    line: Vec<String>,
}

impl<W: Write> CsvSink<W> {
    /// Starts the file: the byte-order mark and the header record.
    pub fn new(mut out: W, headers: &[String]) -> std::io::Result<CsvSink<W>> {
        out.write_all(BOM)?;
        record(&mut out, headers)?;
        Ok(CsvSink {
            out,
            line: Vec::new(),
        })
    }

    /// One data record.
    pub fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        self.line.clear();
        self.line.extend(cells.iter().map(text_field));
        record(&mut self.out, &self.line)
    }

    /// Flushes and hands back the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_left_alone() {
        assert_eq!(field("白虎村三组"), "白虎村三组");
        assert_eq!(field("138****5678"), "138****5678");
        assert_eq!(field(""), "");
    }

    #[test]
    fn commas_quotes_line_breaks_and_edge_spaces_are_quoted() {
        assert_eq!(field("水管破了，要修,快"), "\"水管破了，要修,快\"");
        assert_eq!(field("他说\"马上来\""), "\"他说\"\"马上来\"\"\"");
        assert_eq!(field("第一行\n第二行"), "\"第一行\n第二行\"");
        assert_eq!(field("a\r\nb"), "\"a\r\nb\"");
        assert_eq!(field(" 前有空格"), "\" 前有空格\"");
        // A full-width comma is not a separator.
        assert_eq!(field("甲，乙"), "甲，乙");
    }

    #[test]
    fn text_that_starts_like_a_formula_is_kept_as_text() {
        for s in [
            "=HYPERLINK(\"http://x\",\"点此\")",
            "+86 138",
            "-1",
            "@SUM(A1)",
            "\t=1",
        ] {
            assert_eq!(text_field(&Cell::text(s)), format!("'{s}"));
        }
        assert_eq!(text_field(&Cell::text("白虎村=三组")), "白虎村=三组");
        assert_eq!(text_field(&Cell::Int(-3)), "-3");
        assert_eq!(text_field(&Cell::Empty), "");
    }

    #[test]
    fn a_file_starts_with_the_bom_and_ends_records_with_crlf() {
        let headers = vec!["序号".to_owned(), "内容".to_owned()];
        let mut sink = CsvSink::new(Vec::new(), &headers).expect("start");
        sink.row(&[Cell::Int(1), Cell::text("a,\"b\"\nc")])
            .expect("row");
        sink.row(&[Cell::Int(2), Cell::Empty]).expect("row");
        let bytes = sink.finish().expect("finish");
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[3..]).expect("utf-8");
        assert_eq!(text, "序号,内容\r\n1,\"a,\"\"b\"\"\nc\"\r\n2,\r\n");
    }
}
