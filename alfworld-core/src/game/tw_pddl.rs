//! Reading the three texts of a `game.tw-pddl` file (`pddl_problem`, `pddl_domain`, `grammar`).
//!
//! A one-pass reader handles the files ALFWorld writes: one JSON object whose values are
//! strings, `null`, `true` or `false`. It unescapes only the problem and the grammar, and
//! skips the domain without unescaping it when its escaped text is this thread's last one
//! (every ALFWorld file carries the same domain), reusing that domain's parse. Anything else
//! (other value kinds, `\u` escapes, a missing key, invalid JSON) goes to `serde_json`, so
//! results and errors are those of a full JSON parse.

use std::rc::Rc;

use super::parse_domain_cached;
use crate::error::LoadError;
use crate::pddl::Domain;

/// The domain of a file: already parsed (its text was the last one seen), or its text.
pub(crate) enum DomainText {
    /// The parse of the same text, reused.
    Parsed(Rc<Domain>),
    /// The unescaped text, with its escaped form when it came from the one-pass reader.
    Text(String, Option<String>),
}

impl DomainText {
    /// The parsed domain (parsed now unless it was reused).
    pub(crate) fn parse(self) -> Result<Rc<Domain>, LoadError> {
        match self {
            DomainText::Parsed(d) => Ok(d),
            DomainText::Text(text, raw) => {
                let d = parse_domain_cached(&text)?;
                if let Some(raw) = raw {
                    LAST_RAW_DOMAIN.with(|cell| *cell.borrow_mut() = Some((raw, d.clone())));
                }
                Ok(d)
            }
        }
    }
}

/// The texts a game needs from its file.
pub(crate) struct Fields {
    /// `pddl_problem`, unescaped.
    pub problem: String,
    /// `pddl_domain`.
    pub domain: DomainText,
    /// `grammar`, unescaped.
    pub grammar: String,
}

thread_local! {
    /// The escaped JSON text of the last domain read by the one-pass reader on this thread,
    /// with its parse.
    static LAST_RAW_DOMAIN: std::cell::RefCell<Option<(String, Rc<Domain>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Reads the three texts of a game file.
pub(crate) fn read(json: &str) -> Result<Fields, LoadError> {
    match read_fast(json) {
        Some(f) => Ok(f),
        None => read_serde(json),
    }
}

/// The reference reader: a full `serde_json` parse.
fn read_serde(json: &str) -> Result<Fields, LoadError> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| LoadError::Json(e.to_string()))?;
    let get = |k: &'static str| -> Result<&str, LoadError> {
        v.get(k)
            .and_then(|x| x.as_str())
            .ok_or(LoadError::MissingKey(k))
    };
    let problem = get("pddl_problem")?.to_owned();
    let domain = get("pddl_domain")?.to_owned();
    let grammar = get("grammar")?.to_owned();
    Ok(Fields {
        problem,
        domain: DomainText::Text(domain, None),
        grammar,
    })
}

/// The one-pass reader, or `None` when the file is not of the simple shape (or not valid).
fn read_fast(json: &str) -> Option<Fields> {
    let b = json.as_bytes();
    let mut problem: Option<String> = None;
    let mut grammar: Option<String> = None;
    let mut domain: Option<DomainText> = None;
    let mut i = skip_ws(b, 0);
    if *b.get(i)? != b'{' {
        return None;
    }
    i = skip_ws(b, i + 1);
    if *b.get(i)? == b'}' {
        return None; // no keys: the reference reader reports the missing one
    }
    loop {
        if *b.get(i)? != b'"' {
            return None;
        }
        let key_start = i + 1;
        let key_end = string(json, key_start, None)?;
        let key = &b[key_start..key_end - 1];
        if key.contains(&b'\\') {
            return None;
        }
        i = skip_ws(b, key_end);
        if *b.get(i)? != b':' {
            return None;
        }
        i = skip_ws(b, i + 1);
        match *b.get(i)? {
            b'"' => {
                let start = i + 1;
                i = match key {
                    b"pddl_problem" => string(json, start, Some(problem.insert(String::new())))?,
                    b"grammar" => string(json, start, Some(grammar.insert(String::new())))?,
                    b"pddl_domain" => {
                        let (end, d) = domain_value(json, start)?;
                        domain = Some(d);
                        end
                    }
                    _ => string(json, start, None)?,
                };
            }
            // Another value for a key read here replaces its string: the reference reader then
            // reports the key as missing.
            _ if matches!(key, b"pddl_problem" | b"grammar" | b"pddl_domain") => return None,
            b'n' if b[i..].starts_with(b"null") => i += 4,
            b't' if b[i..].starts_with(b"true") => i += 4,
            b'f' if b[i..].starts_with(b"false") => i += 5,
            _ => return None,
        }
        i = skip_ws(b, i);
        match *b.get(i)? {
            b',' => i = skip_ws(b, i + 1),
            b'}' => break,
            _ => return None,
        }
    }
    if skip_ws(b, i + 1) != b.len() {
        return None;
    }
    Some(Fields {
        problem: problem?,
        domain: domain?,
        grammar: grammar?,
    })
}

/// Reads the domain string starting at `start` (after its quote): the last domain's parse when
/// the escaped text is the same, else the unescaped text. Returns the index after the string.
fn domain_value(json: &str, start: usize) -> Option<(usize, DomainText)> {
    let b = json.as_bytes();
    let reused = LAST_RAW_DOMAIN.with(|cell| {
        let cell = cell.borrow();
        let (raw, d) = cell.as_ref()?;
        let end = start + raw.len();
        (b.get(start..end) == Some(raw.as_bytes()) && b.get(end) == Some(&b'"'))
            .then(|| (end + 1, d.clone()))
    });
    if let Some((end, d)) = reused {
        return Some((end, DomainText::Parsed(d)));
    }
    let mut text = String::new();
    let end = string(json, start, Some(&mut text))?;
    let raw = json[start..end - 1].to_owned();
    Some((end, DomainText::Text(text, Some(raw))))
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// A mask with the high bit of each byte of `w` (little-endian) that is `"`, `\` or a control
/// character set. Bytes above a flagged one may be flagged too, but the lowest flag is always
/// a true one and no special byte is missed.
fn special(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let quote = zero(w ^ (ONES * u64::from(b'"')));
    let backslash = zero(w ^ (ONES * u64::from(b'\\')));
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    quote | backslash | control
}

/// Reads a JSON string whose text starts at `start` (after the opening quote), appending its
/// unescaped text to `out` when given. Returns the index after the closing quote, or `None` for
/// an invalid string or a `\u` escape (left to the reference reader).
fn string(src: &str, start: usize, mut out: Option<&mut String>) -> Option<usize> {
    let b = src.as_bytes();
    let (mut i, mut run) = (start, start);
    if let Some(o) = out.as_deref_mut() {
        // At most the rest of the file: one allocation, never grown.
        o.reserve(b.len() - start);
    }
    loop {
        while let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let m = special(u64::from_le_bytes(w));
            if m != 0 {
                i += (m.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        match *b.get(i)? {
            b'"' => {
                if let Some(o) = out.as_deref_mut() {
                    o.push_str(&src[run..i]);
                }
                return Some(i + 1);
            }
            b'\\' => {
                let ch = match *b.get(i + 1)? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return None,
                };
                if let Some(o) = out.as_deref_mut() {
                    o.push_str(&src[run..i]);
                    o.push(ch);
                }
                i += 2;
                run = i;
            }
            0..=0x1f => return None,
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(json: &str) -> Option<(String, String, String)> {
        let f = read_fast(json)?;
        let d = match f.domain {
            DomainText::Text(t, _) => t,
            DomainText::Parsed(_) => "(parsed)".into(),
        };
        Some((f.problem, d, f.grammar))
    }

    fn serde(json: &str) -> Option<(String, String, String)> {
        let f = read_serde(json).ok()?;
        let DomainText::Text(d, _) = f.domain else {
            unreachable!()
        };
        Some((f.problem, d, f.grammar))
    }

    #[test]
    fn agrees_with_serde_or_defers() {
        let cases = [
            r#"{"pddl_domain": "d\n\"x\"", "grammar": "g\\\/\t", "pddl_problem": "p", "solvable": null, "walkthrough": null}"#,
            r#" { "pddl_problem":"a" ,"pddl_domain":"b","grammar":"c","x":true,"y":false } "#,
            r#"{"pddl_problem":"a","pddl_domain":"b","grammar":"c","pddl_problem":"z"}"#,
            r#"{"pddl_problem":"a","pddl_domain":"b","grammar":"c","pddl_problem":null}"#,
            r#"{"pddl_problem":"a","pddl_domain":"b","grammar":"c"} x"#,
            r#"{"pddl_problem":"a","pddl_domain":"b","grammar":"c",}"#,
            r#"{"pddl_problem":"\u0041","pddl_domain":"b","grammar":"c"}"#,
            r#"{"pddl_problem":"a","pddl_domain":"b","grammar":"c","n":1}"#,
            r#"{"pddl_problem":"a","pddl_domain":"b"}"#,
            "{\"pddl_problem\":\"a\tb\",\"pddl_domain\":\"b\",\"grammar\":\"c\"}",
            r#"{"pddl_problem":"a long string with no escapes at all, é ü","pddl_domain":"b","grammar":"c"}"#,
            r#"{"pddl_problem":"a\q","pddl_domain":"b","grammar":"c"}"#,
            r#"{"pddl_problem":"a","pddl_domain":"b","grammar":"c","grammar":true}"#,
            r#"{}"#,
            "{\"pddl_problem\":\"é\\n(a b)\\n\\\"q\\\"\\tü   \\\\ long text here \\r\\n\\b\\f\",\"pddl_domain\":\"b\",\"grammar\":\"xxxxxxx\\\"\"}",
            r#"[]"#,
        ];
        for json in cases {
            if let Some(f) = fast(json) {
                assert_eq!(Some(f), serde(json), "{json}");
            }
        }
        assert!(fast(cases[0]).is_some() && fast(cases[1]).is_some() && fast(cases[2]).is_some());
        assert!(fast(cases[10]).is_some());
        let escaped = cases.iter().find(|c| c.contains("long text here")).unwrap();
        assert!(fast(escaped).is_some());
    }
}
