//! Widgets shared by the screens and forms.
pub mod input;
pub mod search;

/// The first line to show so that line `selected` is inside a list `height` lines tall,
/// moving the current `scroll` as little as possible.
pub fn scroll_to_show(scroll: usize, selected: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < scroll {
        selected
    } else if selected >= scroll + height {
        selected + 1 - height
    } else {
        scroll
    }
}

#[cfg(test)]
mod tests {
    use super::scroll_to_show;

    #[test]
    fn scrolls_only_as_far_as_needed() {
        assert_eq!(scroll_to_show(0, 3, 10), 0);
        assert_eq!(scroll_to_show(0, 12, 10), 3);
        assert_eq!(scroll_to_show(5, 2, 10), 2);
        assert_eq!(scroll_to_show(5, 7, 0), 7, "a zero height shows one line");
    }
}
