//! A tiny LIFO stack whose first `N` entries live inline, so that walking the
//! subscription trie does not allocate unless a topic fans out into more
//! than `N` pending `+` branches at once.

/// LIFO stack of `Copy` items: `N` inline slots, then a heap `Vec`.
pub(crate) struct InlineStack<T: Copy, const N: usize> {
    inline: [Option<T>; N],
    inline_len: usize,
    spill: Vec<T>,
}

impl<T: Copy, const N: usize> InlineStack<T, N> {
    /// An empty stack; does not allocate.
    pub(crate) fn new() -> Self {
        Self {
            inline: [None; N],
            inline_len: 0,
            spill: Vec::new(),
        }
    }

    /// Pushes `item`, spilling to the heap only when the inline slots are full.
    pub(crate) fn push(&mut self, item: T) {
        if self.inline_len < N {
            self.inline[self.inline_len] = Some(item);
            self.inline_len += 1;
        } else {
            self.spill.push(item);
        }
    }

    /// Pops the most recently pushed item.
    pub(crate) fn pop(&mut self) -> Option<T> {
        if let Some(item) = self.spill.pop() {
            return Some(item);
        }
        self.inline_len = self.inline_len.checked_sub(1)?;
        self.inline[self.inline_len].take()
    }
}

#[cfg(test)]
mod tests {
    use super::InlineStack;

    #[test]
    fn lifo_across_the_spill_boundary() {
        let mut stack: InlineStack<u32, 3> = InlineStack::new();
        assert_eq!(stack.pop(), None);
        for i in 0..10 {
            stack.push(i);
        }
        for i in (0..10).rev() {
            assert_eq!(stack.pop(), Some(i));
        }
        assert_eq!(stack.pop(), None);
        stack.push(7);
        assert_eq!(stack.pop(), Some(7));
        assert_eq!(stack.pop(), None);
    }
}
