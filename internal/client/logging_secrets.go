package client

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
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
// the log must not show, in any case. A field name may also be written with
// \u escapes, which only parsing resolves.
func mayHoldBodySecrets(body []byte) bool {
	// encoding/json matches field names ignoring case, so a
	// "Custom_Headers" is decoded as custom_headers and must be found too.
	lower := bytes.ToLower(body)
	return bytes.Contains(lower, []byte(customHeadersField)) ||
		bytes.Contains(lower, []byte(signingSecretField)) ||
		bytes.Contains(body, []byte(`\u`))
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
			case strings.EqualFold(k, customHeadersField):
				if headers, ok := val.(map[string]any); ok {
					for name := range headers {
						headers[name] = redacted
					}
				} else if val != nil {
					x[k] = redacted
				}
			case strings.EqualFold(k, signingSecretField):
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
