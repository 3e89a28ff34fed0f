// Package text holds string helpers that the client and the provider share
// for their messages.
package text

import "unicode/utf8"

// Truncate cuts s to at most n bytes and marks the cut with "…". It never
// cuts inside a multi-byte rune, which would put invalid UTF-8 in a message.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
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
