package client

import (
	"fmt"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// Bounds on the free-form JSON a response carries (a webhook's metadata, a
// campaign's top-level webhook_config), which is kept as raw JSON and turned
// into Terraform values. Terraform's type of such a value is built again at
// every level above each value, so its cost grows with every value's depth,
// not with the size of the text: metadata 2,000 objects deep, 12 KB of
// text, took a plan past 2 GB, and a hundred objects nested 64 deep, 35 KB,
// took 690 MB (BenchmarkWorstAcceptedMetadata in internal/provider). No
// webhook metadata is hundreds of levels deep or that heavy, nor needs a
// number Terraform would print with millions of digits, so past these
// bounds an answer is refused.
const (
	// MaxFreeFormDepth is how deeply objects and lists may nest.
	MaxFreeFormDepth = 64
	// MaxFreeFormWeight bounds the sum, over every value, of how deep it
	// sits (1 for the outermost): the work and memory mapping it costs.
	// A flat object of 4,999 members weighs 9,999; four objects nested
	// 64 deep in a list weigh 8,581.
	MaxFreeFormWeight = 10000
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
	depth, deepest, values, weight := 0, 0, 0, 0
	value := func() {
		values++
		weight += depth + 1
	}
	for i := 0; i < len(raw); i++ {
		switch b := raw[i]; {
		case b == '"':
			// Skip the string, escapes included; a member's name is not
			// a value.
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' {
					i++
				}
			}
			if !followedByColon(raw, i+1) {
				value()
			}
		case b == '{' || b == '[':
			value()
			depth++
			deepest = max(deepest, depth)
		case b == '}' || b == ']':
			depth--
		case b == 't' || b == 'f' || b == 'n':
			value()
			for i+1 < len(raw) && 'a' <= raw[i+1] && raw[i+1] <= 'z' {
				i++
			}
		case b == '-' || ('0' <= b && b <= '9'):
			value()
			end, reason := checkNumber(raw, i)
			if reason != "" {
				return reason
			}
			i = end - 1
		}
	}
	switch {
	case deepest > MaxFreeFormDepth:
		return fmt.Sprintf("nested %d levels deep, more than the %d levels the provider reads", deepest, MaxFreeFormDepth)
	case weight > MaxFreeFormWeight:
		return fmt.Sprintf("%d values nested up to %d %s deep weigh %d (each value as many levels as it sits deep), more than the %d the provider reads",
			values, deepest, plural(deepest, "level", "levels"), weight, MaxFreeFormWeight)
	}
	return ""
}

// followedByColon reports whether the next character from raw[i] on that
// is not white space is a colon.
func followedByColon(raw []byte, i int) bool {
	for ; i < len(raw); i++ {
		switch raw[i] {
		case ' ', '\t', '\n', '\r':
		case ':':
			return true
		default:
			return false
		}
	}
	return false
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
