package client

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Response fields whose values are credentials of other systems: a webhook
// configuration's custom headers, sent to the receiving endpoint (often an
// Authorization header), and its signing secret. The trace log of a body
// shows neither.
const (
	customHeadersField = "custom_headers"
	signingSecretField = "signing_secret"
)

// WebhookCredentialFields names those fields, for callers that must leave
// them out of what they show.
func WebhookCredentialFields() []string {
	return []string{customHeadersField, signingSecretField}
}

// mayHoldBodySecrets reports whether a body might name a field whose value
// the log must not show, under any name the decoder would match to it. A
// field name may also be written with \u escapes, which only parsing
// resolves.
func mayHoldBodySecrets(body []byte) bool {
	// Folding is per character, so a name that folds to a credential
	// field's folds to it inside the folded body too.
	folded := appendFoldedName(nil, body)
	return bytes.Contains(folded, foldedName(customHeadersField)) ||
		bytes.Contains(folded, foldedName(signingSecretField)) ||
		bytes.Contains(body, []byte(`\u`))
}

// SameJSONName reports whether encoding/json would decode an object member
// named a into a field named b: it matches names ignoring case under
// Unicode simple folding, so that "cuſtom_headers" (with U+017F, a long s)
// or "Custom_Headers" is custom_headers. Whatever decides that a member is
// a credential must agree with the decoder, or a name it matches would be
// shown as data.
func SameJSONName(a, b string) bool {
	return bytes.Equal(foldedName(a), foldedName(b))
}

func foldedName(s string) []byte { return appendFoldedName(nil, []byte(s)) }

// appendFoldedName is encoding/json's own fold (fold.go): ASCII letters in
// upper case, any other character as the smallest of its simple fold
// orbit.
func appendFoldedName(out, in []byte) []byte {
	for i := 0; i < len(in); {
		if c := in[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		out = utf8.AppendRune(out, foldRune(r))
		i += n
	}
	return out
}

// foldRune is the smallest rune of r's simple fold orbit.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}

// redactBodySecrets returns body with the value of every signing_secret, and
// of every header in every custom_headers, replaced by [REDACTED] (header
// names are kept), wherever they sit. It reports false when the body cannot
// be parsed as one JSON value, or was cut short, so cannot be redacted and
// must not be logged.
func redactBodySecrets(body []byte, truncated bool) (string, bool) {
	if truncated {
		return "", false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", false
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(scrubSecrets(v)); err != nil {
		return "", false
	}
	return strings.TrimSuffix(out.String(), "\n"), true
}

func scrubSecrets(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			switch {
			case SameJSONName(k, customHeadersField):
				if headers, ok := val.(map[string]any); ok {
					for name := range headers {
						headers[name] = redacted
					}
				} else if val != nil {
					x[k] = redacted
				}
			case SameJSONName(k, signingSecretField):
				if val != nil {
					x[k] = redacted
				}
			default:
				x[k] = scrubSecrets(val)
			}
		}
	case []any:
		for i := range x {
			x[i] = scrubSecrets(x[i])
		}
	}
	return v
}
