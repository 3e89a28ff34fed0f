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
