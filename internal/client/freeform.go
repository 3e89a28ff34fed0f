package client

import (
	"fmt"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// Bounds on the free-form JSON a response carries (a webhook's metadata, a
// campaign's top-level webhook_config), which is kept as raw JSON and turned
// into Terraform values whose cost grows with depth faster than with size:
// metadata 2,000 objects deep, 12 KB of text, took a plan past 2 GB. No
// webhook metadata is hundreds of levels deep, nor needs a number Terraform
// would print with millions of digits, so past these an answer is refused.
const (
	// MaxFreeFormDepth is how deeply objects and lists may nest.
	MaxFreeFormDepth = 64
	// MaxNumberDigits bounds the digits of a number, its exponent's
	// included.
	MaxNumberDigits = 100
	// MaxNumberExponent bounds the exponent of a number, either sign.
	MaxNumberExponent = 400
)

// CheckFreeForm scans raw, one JSON value, in a single pass and says what
// is past the bounds above, or "" when nothing is. It does not check that
// raw is valid JSON; the decoder does that.
func CheckFreeForm(raw []byte) string {
	depth, deepest := 0, 0
	for i := 0; i < len(raw); i++ {
		switch b := raw[i]; {
		case b == '"':
			// Skip the string, escapes included.
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' {
					i++
				}
			}
		case b == '{' || b == '[':
			depth++
			deepest = max(deepest, depth)
		case b == '}' || b == ']':
			depth--
		case b == '-' || ('0' <= b && b <= '9'):
			end, reason := checkNumber(raw, i)
			if reason != "" {
				return reason
			}
			i = end - 1
		}
	}
	if deepest > MaxFreeFormDepth {
		return fmt.Sprintf("nested %d levels deep, more than the %d levels the provider reads", deepest, MaxFreeFormDepth)
	}
	return ""
}

// checkNumber reads the number at raw[start:] and returns where it ends,
// and what is wrong with it, if anything.
func checkNumber(raw []byte, start int) (int, string) {
	i, digits := start, 0
	if i < len(raw) && raw[i] == '-' {
		i++
	}
	for ; i < len(raw) && (raw[i] == '.' || ('0' <= raw[i] && raw[i] <= '9')); i++ {
		if raw[i] != '.' {
			digits++
		}
	}
	exponent := 0
	if i < len(raw) && (raw[i] == 'e' || raw[i] == 'E') {
		i++
		if i < len(raw) && (raw[i] == '+' || raw[i] == '-') {
			i++
		}
		for ; i < len(raw) && '0' <= raw[i] && raw[i] <= '9'; i++ {
			digits++
			if exponent <= MaxNumberExponent {
				exponent = exponent*10 + int(raw[i]-'0')
			}
		}
	}
	number := text.Truncate(string(raw[start:i]), 32)
	switch {
	case digits > MaxNumberDigits:
		return i, fmt.Sprintf("the number %s has %d digits, more than the %d the provider reads", number, digits, MaxNumberDigits)
	case exponent > MaxNumberExponent:
		return i, fmt.Sprintf("the number %s has an exponent beyond ±%d, which the provider does not read", number, MaxNumberExponent)
	}
	return i, ""
}
