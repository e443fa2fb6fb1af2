//! Filter coverage: may a client subscribe to a filter, given the filters
//! (expanded templates) it is allowed? Only if every topic the filter can
//! match is matched by one of them.

/// Whether every topic `filter` can match is also matched by `covering` (both
/// valid topic filters). Sound: never true when some topic matches `filter`
/// but not `covering`.
///
/// Segment by segment: a literal covers the same literal; `+` covers a
/// literal or `+` but never `#`; `#` covers the rest, including the parent
/// level (`a/#` covers `a`). A `#` in the filter is only covered by a `#` in
/// `covering` at the same or an earlier level. A wildcard in the first level
/// of `covering` does not match topics beginning with `$`, so it does not
/// cover a filter whose first level is a literal beginning with `$`.
pub fn filter_covers(covering: &str, filter: &str) -> bool {
    let mut c_levels = covering.split('/');
    let mut f_levels = filter.split('/');
    let mut first = true;
    loop {
        let f = f_levels.next();
        match (c_levels.next(), f) {
            (Some("#"), f) => {
                // `#` matches everything below and including its parent level,
                // except `$` topics when it stands first.
                return !(first && f.is_some_and(|f| f.starts_with('$')));
            }
            (Some("+"), Some(f)) => {
                if f == "#" || (first && f.starts_with('$')) {
                    return false;
                }
            }
            (Some(c), Some(f)) => {
                if c != f {
                    return false;
                }
            }
            (None, None) => return true,
            // `covering` is longer (and does not end in `#` here) or shorter.
            (Some(_), None) | (None, Some(_)) => return false,
        }
        first = false;
    }
}
