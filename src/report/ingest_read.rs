//! Ingest input: a file's bytes as a grid of cells. XLSX/XLS/ODS workbooks through calamine
//! (recognised by their first bytes, not by the file name), CSV in UTF-8 (with or without BOM)
//! or GBK/GB18030 (what WPS and older Excel write on Chinese Windows), and a clear refusal for
//! anything else.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::{NaiveDate, NaiveDateTime};
use thiserror::Error;

use super::ingest_headers::{Synonyms, find_header};

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date (its serial number converted).
    Date(NaiveDateTime),
}

impl Cell {
    /// The cell as text: numbers without a spurious `.0` (phone numbers typed as numbers),
    /// dates as `2026-03-05` (or with the time when it is not midnight).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// True for an empty cell or one holding only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// What kind of file it was, and for CSV which encoding was detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// An Excel or WPS workbook (XLSX, XLS, XLSB or ODS).
    Workbook,
    CsvUtf8,
    CsvUtf8Bom,
    CsvGbk,
}

/// The chosen sheet of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub format: SourceFormat,
    /// The worksheet's name (workbooks only).
    pub name: Option<String>,
    /// The spreadsheet row number (1-based) of `rows[0]`.
    pub first_row: u32,
    pub rows: Vec<Vec<Cell>>,
}

/// Why a file cannot be read as a ledger at all.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("not a spreadsheet or text file")]
    Binary,
    #[error("a damaged or unsupported workbook: {0}")]
    Workbook(String),
    #[error("no worksheet has data")]
    NoData,
}

/// Workbook files start with a ZIP (XLSX, ODS) or an OLE2 (XLS) signature.
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads a file's bytes: a workbook (the sheet whose header row names the most fields) or CSV.
pub fn read(bytes: &[u8], syn: &Synonyms) -> Result<Sheet, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if is_workbook(bytes) {
        return read_workbook(bytes, syn);
    }
    read_csv(bytes)
}

fn read_workbook(bytes: &[u8], syn: &Synonyms) -> Result<Sheet, ReadError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    let mut best: Option<(usize, Sheet)> = None;
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| ReadError::Workbook(e.to_string()))?;
        let Some((first_row, _)) = range.start() else {
            continue;
        };
        let rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|r| r.iter().map(cell_of).collect())
            .collect();
        let texts: Vec<Vec<String>> = rows
            .iter()
            .take(super::ingest_headers::HEADER_SCAN_ROWS + 1)
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        let score = find_header(syn, &texts).map_or(0, |h| h.columns.len());
        let sheet = Sheet {
            format: SourceFormat::Workbook,
            name: Some(name),
            first_row: first_row + 1,
            rows,
        };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, sheet));
        }
    }
    best.map(|(_, s)| s).ok_or(ReadError::NoData)
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))
                .and_then(|date| date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
                .map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
    }
}

/// The text of a CSV file and the encoding it was in: valid UTF-8 (a BOM is removed) is
/// UTF-8; anything else is decoded as GBK (GB18030, its superset), unless it has NUL bytes
/// or undecodable sequences, which no text ledger has.
pub fn decode(bytes: &[u8]) -> Result<(String, SourceFormat), ReadError> {
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), SourceFormat::CsvUtf8Bom))
            .map_err(|_| ReadError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), SourceFormat::CsvUtf8));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ReadError::Binary);
    }
    Ok((text.into_owned(), SourceFormat::CsvGbk))
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, ReadError> {
    let (text, format) = decode(bytes)?;
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(ReadError::Binary);
    }
    let rows: Vec<Vec<Cell>> = parse_csv(&text, delimiter(&text))
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|s| {
                    if s.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(unguarded(s))
                    }
                })
                .collect()
        })
        .collect();
    if rows.iter().all(|r| r.iter().all(Cell::is_blank)) {
        return Err(ReadError::Empty);
    }
    Ok(Sheet {
        format,
        name: None,
        first_row: 1,
        rows,
    })
}

/// A field as `minqing report` wrote it: the apostrophe it puts before text that starts like a
/// formula (`report::csv::text_field`) taken off again.
fn unguarded(s: String) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(super::csv::FORMULA_STARTS) => rest.to_owned(),
        _ => s,
    }
}

/// Comma, unless the first lines hold more tabs (a "CSV" saved as text from Excel) or
/// semicolons.
fn delimiter(text: &str) -> char {
    let head: String = text.lines().take(12).collect();
    let count = |c: char| head.chars().filter(|&x| x == c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        '\t'
    } else if semis > commas {
        ';'
    } else {
        ','
    }
}

/// RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks;
/// CRLF, LF and CR line ends. Each record is one spreadsheet row, so a quoted line break
/// keeps the row numbers Excel shows.
pub fn parse_csv(text: &str, delim: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == delim => row.push(std::mem::take(&mut field)),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apostrophe_a_report_puts_before_a_formula_is_taken_off() {
        let sheet =
            read_csv("内容,备注\r\n'=1+1,'普通文字\r\n'@SUM(A1),'-3\r\n".as_bytes()).expect("csv");
        let text: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        assert_eq!(text[1], ["=1+1", "'普通文字"]);
        assert_eq!(text[2], ["@SUM(A1)", "-3"]);
    }

    #[test]
    fn csv_records_keep_quoted_delimiters_quotes_and_line_breaks() {
        let rows = parse_csv(
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\r\n\r\nlast",
            ',',
        );
        assert_eq!(
            rows,
            [
                vec!["a", "b,c", "say \"hi\""],
                vec!["two\nlines", "x"],
                vec![""],
                vec!["last"]
            ]
        );
        assert_eq!(delimiter("反映人\t电话\n王\t1\n"), '\t');
        assert_eq!(delimiter("反映人;电话\n"), ';');
        assert_eq!(delimiter("反映人,电话\n"), ',');
    }

    #[test]
    fn encodings_are_told_apart() {
        let text = "反映人,诉求内容\n王秀英,停水\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(
            decode(&gbk).expect("gbk"),
            (text.to_owned(), SourceFormat::CsvGbk)
        );
        assert_eq!(
            decode(text.as_bytes()).expect("utf-8"),
            (text.to_owned(), SourceFormat::CsvUtf8)
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(
            decode(&bom).expect("bom"),
            (text.to_owned(), SourceFormat::CsvUtf8Bom)
        );
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ReadError::Binary)
        ));
    }

    #[test]
    fn cells_read_as_text() {
        assert_eq!(Cell::Number(13_812_345_678.0).text(), "13812345678");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        assert_eq!(
            Cell::Date(d.and_time(chrono::NaiveTime::MIN)).text(),
            "2026-03-05"
        );
        assert!(Cell::Text(" \u{3000}".into()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }

    /// Row numbers are the sheet's own when the data starts lower and further right, and of
    /// two sheets the one with a ledger header is read.
    #[test]
    fn workbook_rows_keep_their_sheet_numbers() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let notes = book.add_worksheet();
        notes.write_string(0, 0, "说明").expect("cell");
        let sheet = book.add_worksheet();
        sheet.set_name("台账").expect("name");
        for (c, h) in ["反映人", "诉求内容", "村"].iter().enumerate() {
            sheet.write_string(2, 1 + c as u16, *h).expect("cell");
        }
        sheet.write_string(3, 1, "王秀英").expect("cell");
        sheet.write_number(3, 4, 46_101.0).expect("cell");
        let bytes = book.save_to_buffer().expect("xlsx");
        let s = read(&bytes, Synonyms::builtin()).expect("read");
        assert_eq!(s.format, SourceFormat::Workbook);
        assert_eq!(s.name.as_deref(), Some("台账"));
        assert_eq!(s.first_row, 3, "the first two rows are empty");
        assert_eq!(
            s.rows[0][0],
            Cell::Text("反映人".into()),
            "column A is empty"
        );
        assert_eq!(s.rows[1][3], Cell::Number(46_101.0));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        let syn = Synonyms::builtin();
        assert!(matches!(read(b"", syn), Err(ReadError::Empty)));
        assert!(matches!(read(b" \r\n", syn), Err(ReadError::Empty)));
        assert!(matches!(
            read(b"\xEF\xBB\xBF,,\n", syn),
            Err(ReadError::Empty)
        ));
        assert!(matches!(
            read(b"PK\x03\x04junk", syn),
            Err(ReadError::Workbook(_))
        ));
    }
}
