// Package text holds the string helpers that the client, the provider and
// the fake API all use, so that each cuts and compares a message the same
// way.
package text

import "unicode/utf8"

// Cut returns s cut to at most n bytes, never inside a multi-byte rune,
// which would leave invalid UTF-8, and whether anything was cut. Every cut
// of a message in the module is made here.
func Cut(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// Truncate is Cut with the cut marked by "…".
func Truncate(s string, n int) string {
	if head, cut := Cut(s, n); cut {
		return head + "…"
	}
	return s
}

// EditDistance is the Levenshtein distance between a and b, counted in
// bytes: how many insertions, deletions and substitutions make one the
// other. Messages use it to suggest the name that was meant.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
