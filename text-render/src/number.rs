//! Numbers and counted nouns, written without going through `format!`.

/// Appends the decimal digits of `n` to `out`.
pub fn push_uint(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

/// Appends `"1 step"` or `"N steps"` (BALROG's distance phrase; `"0 steps"` for zero).
pub fn steps(out: &mut String, n: u64) {
    push_uint(out, n);
    out.push_str(if n == 1 { " step" } else { " steps" });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        for n in [0u64, 1, 9, 10, 42, 1000, u64::MAX] {
            let mut s = String::new();
            push_uint(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn plural_steps() {
        let mut s = String::new();
        for n in [0, 1, 2, 6] {
            steps(&mut s, n);
            s.push('|');
        }
        assert_eq!(s, "0 steps|1 step|2 steps|6 steps|");
    }
}
