package client

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// APIError is a response with a status other than 200. Message is what the
// API said, parsed from whichever error shape it used, or empty.
type APIError struct {
	StatusCode int
	Message    string
	Attempts   int
	// Waited is how long the read waited between its attempts in all.
	Waited time.Duration
	// RedirectHost is, for a redirect, the host its Location points to
	// (never its path or query), or empty when it had none.
	RedirectHost string
	// Shaped is true when the body was the API's documented JSON error,
	// {"error":{…}}, so that the answer came from one of its routes and not
	// from a router or another server at the same address (a bare
	// {"detail":"Not Found"} or a page). Code is the error's code, if any.
	Shaped bool
	Code   string
	// Origin is what the body says about who answered: the API about the
	// object, a router that knows no such path, or unclear.
	Origin Origin
	// QueryParams names each query parameter the error's details point at
	// (loc ["query", name]), in order, once each.
	QueryParams []string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the API answered HTTP %d", e.StatusCode)
	if text := http.StatusText(e.StatusCode); text != "" {
		fmt.Fprintf(&b, " %s", text)
	}
	if isRedirect(e.StatusCode) {
		// Redirects are not followed: one could carry the key elsewhere.
		if e.RedirectHost == "" {
			b.WriteString(", a redirect without a Location header, which is not followed")
		} else {
			fmt.Fprintf(&b, ", a redirect to %s, which is not followed", e.RedirectHost)
		}
		return b.String()
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
		if e.Waited > 0 {
			fmt.Fprintf(&b, " and %s of waiting between them", roundElapsed(e.Waited))
		}
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	return b.String()
}

// IsNotFound reports whether err is a 404 from the API.
func IsNotFound(err error) bool { return HasStatus(err, http.StatusNotFound) }

// HasStatus reports whether err is an *APIError with this status.
func HasStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

// apiError describes a final status other than 200. A redirect's body is
// left out, as it usually repeats the Location, whose path and query may
// carry anything; only the host it points to is kept.
func (c *Client) apiError(status int, header http.Header, body []byte, attempts int) *APIError {
	if isRedirect(status) {
		// The host is the server's word like any message: a Location may
		// put the key in it.
		return &APIError{StatusCode: status, Attempts: attempts, RedirectHost: c.redact(redirectHost(header.Get("Location"), c.host))}
	}
	shaped, code, params := errorFacts(body)
	return &APIError{StatusCode: status, Message: c.apiMessage(body), Attempts: attempts, Shaped: shaped, Code: redactKey(code, c.cfg.APIKey), QueryParams: params, Origin: bodyOrigin(body)}
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// redirectHost is the host a Location header points to: self for a
// relative one, "" for none, and a placeholder for one that does not parse.
func redirectHost(location, self string) string {
	if location == "" {
		return ""
	}
	u, err := url.Parse(location)
	switch {
	case err != nil:
		return "a location that does not parse"
	case u.Host == "":
		return self
	default:
		return clean(u.Host)
	}
}

// DecodeError is a 200 whose body is not the expected JSON object.
type DecodeError struct {
	StatusCode int
	// Path is the dotted field path where decoding failed, when known.
	Path   string
	Reason string
}

func (e *DecodeError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("HTTP %d response could not be decoded at %q: %s", e.StatusCode, e.Path, e.Reason)
	}
	return fmt.Sprintf("HTTP %d response could not be decoded: %s", e.StatusCode, e.Reason)
}

// TransportError is a request that got no HTTP response: refused, reset,
// timed out, TLS failure, a host name that does not resolve. Host names the
// server; the URL is never repeated because it is built from user input.
type TransportError struct {
	Host     string
	Attempts int
	Timeout  bool
	// TimedOut is how many of the attempts timed out, and RequestTimeout
	// the limit each had.
	TimedOut       int
	RequestTimeout time.Duration
	// Elapsed is the time the read took in all, waits between attempts
	// included.
	Elapsed time.Duration
	Err     error
}

func (e *TransportError) Error() string {
	attempts := ""
	if e.Attempts > 1 {
		attempts = fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	var dnsErr *net.DNSError
	switch {
	case e.Timeout:
		var b strings.Builder
		fmt.Fprintf(&b, "request to %s timed out: no complete response within the request timeout of %s", e.Host, e.RequestTimeout)
		switch {
		case e.Attempts > 1 && e.TimedOut == e.Attempts:
			fmt.Fprintf(&b, " on %d attempts (%s in all)", e.Attempts, roundElapsed(e.Elapsed))
		case e.Attempts > 1:
			fmt.Fprintf(&b, " on %d of %d attempts (%s in all)", e.TimedOut, e.Attempts, roundElapsed(e.Elapsed))
		}
		b.WriteString("; request_timeout sets the per-attempt limit")
		return b.String()
	case errors.As(e.Err, &dnsErr) && dnsErr.IsNotFound:
		return fmt.Sprintf("request to %s failed%s: no such host %s", e.Host, attempts, dnsErr.Name)
	}
	return fmt.Sprintf("request to %s failed%s: %v", e.Host, attempts, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// Retryable reports whether a request that failed this way is retried, up
// to max_retries times (a timeout only once): false for a failure that
// asking again cannot change, such as a host name that does not exist or a
// certificate that does not verify.
func (e *TransportError) Retryable() bool {
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recordErr tls.RecordHeaderError
	var dnsErr *net.DNSError
	switch {
	case errors.As(e.Err, &dnsErr) && dnsErr.IsNotFound:
		// The name does not exist; asking again will not create it.
		return false
	case errors.As(e.Err, &certErr), errors.As(e.Err, &unknownAuth), errors.As(e.Err, &hostErr), errors.As(e.Err, &recordErr):
		return false
	case isTLSAlert(e.Err):
		// The server refused the handshake (no common protocol version or
		// cipher suite): its configuration, not a passing fault.
		return false
	case errors.Is(e.Err, http.ErrSchemeMismatch):
		// net/http reports an https request answered in plain HTTP with this
		// instead of the RecordHeaderError above.
		return false
	}
	return true
}

// isTLSAlert reports a TLS alert sent by the server, which crypto/tls
// returns as a *net.OpError with Op "remote error".
func isTLSAlert(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "remote error"
}

// roundElapsed keeps a duration readable: whole seconds, or milliseconds
// below one second.
func roundElapsed(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

// RequestError is a request that was refused before it was sent, such as a
// header value net/http would reject: nothing reached the server, and a
// retry would fail the same way, so none is made.
type RequestError struct {
	Host string
	Err  error
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("the request to %s was not sent: %v", e.Host, e.Err)
}

func (e *RequestError) Unwrap() error { return e.Err }

// PaginationError is a list the API paged in a way that cannot add up to one
// complete list: the same page again, a page at another offset than asked,
// a list that changed while it was read, or more pages than any list needs.
// No partial list is returned with it.
type PaginationError struct {
	Endpoint string
	Reason   string
	// Changed is true when the pages tell of a list that changed while it
	// was read: a total that changed, items listed twice, or pages that
	// hold another number of items than the total. Reading it again may
	// then succeed, and reading a whole list does so once.
	Changed bool
}

func (e *PaginationError) Error() string {
	return fmt.Sprintf("%s: the API's pages do not add up to one list: %s; no partial list is returned", e.Endpoint, e.Reason)
}

// ListPageError is a page of a list, after the first, that could not be
// read: Err says why, and Offset names the page.
type ListPageError struct {
	Offset int64
	Err    error
}

func (e *ListPageError) Error() string {
	return fmt.Sprintf("reading the page at offset %d: %v", e.Offset, e.Err)
}

func (e *ListPageError) Unwrap() error { return e.Err }

// errorMessage extracts a human message from an error body in any of the
// shapes the API is known to use: {"error":{"message":...}}, {"detail":"..."},
// {"detail":[{"loc":[...],"msg":...}]}, or anything else (HTML, text, empty).
func errorMessage(body []byte) string {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return ""
	}
	var shaped struct {
		Error *struct {
			Message string `json:"message"`
			Type    string `json:"type"`
			Code    any    `json:"code"`
		} `json:"error"`
		Detail  json.RawMessage `json:"detail"`
		Message string          `json:"message"`
	}
	if body[0] == '{' && json.Unmarshal(body, &shaped) == nil {
		switch {
		case shaped.Error != nil && shaped.Error.Message != "":
			msg := shaped.Error.Message
			if shaped.Error.Code != nil && shaped.Error.Code != "" {
				// One sentence: the code goes before the message's full stop.
				msg = fmt.Sprintf("%s (code %v)", strings.TrimSuffix(msg, "."), shaped.Error.Code)
			}
			return clean(msg)
		case len(shaped.Detail) > 0:
			return clean(detailMessage(shaped.Detail))
		case shaped.Message != "":
			return clean(shaped.Message)
		}
	}
	if looksLikeHTML(body) {
		return "(an HTML page, not an API error)"
	}
	return clean(string(body))
}

func detailMessage(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var items []struct {
		Loc []any  `json:"loc"`
		Msg string `json:"msg"`
	}
	if json.Unmarshal(raw, &items) == nil && len(items) > 0 {
		parts := make([]string, 0, len(items))
		for _, it := range items {
			loc := make([]string, 0, len(it.Loc))
			for _, l := range it.Loc {
				loc = append(loc, fmt.Sprint(l))
			}
			if len(loc) > 0 {
				parts = append(parts, strings.Join(loc, ".")+": "+it.Msg)
			} else {
				parts = append(parts, it.Msg)
			}
		}
		return strings.Join(parts, "; ")
	}
	return string(raw)
}

// errorFacts reads what a diagnostic needs beyond the message from an error
// body: whether it is the API's documented shape, its code, and the query
// parameters its details name, in {"error":{"data":{"details":[…]}}} or
// {"detail":[…]}.
func errorFacts(body []byte) (shaped bool, code string, params []string) {
	body = bytes.TrimSpace(body)
	type detail struct {
		Loc []any `json:"loc"`
	}
	var b struct {
		Error *struct {
			Code any `json:"code"`
			Data *struct {
				Details []detail `json:"details"`
			} `json:"data"`
		} `json:"error"`
		Detail json.RawMessage `json:"detail"`
	}
	if len(body) == 0 || body[0] != '{' || json.Unmarshal(body, &b) != nil || (b.Error == nil && len(b.Detail) == 0) {
		return false, "", nil
	}
	var details []detail
	if b.Error != nil {
		if b.Error.Code != nil {
			code = clean(fmt.Sprint(b.Error.Code))
		}
		if b.Error.Data != nil {
			details = b.Error.Data.Details
		}
	} else {
		_ = json.Unmarshal(b.Detail, &details) // a string detail names no parameter
	}
	for _, d := range details {
		if len(d.Loc) == 2 && d.Loc[0] == "query" {
			if name, ok := d.Loc[1].(string); ok && !slices.Contains(params, name) {
				params = append(params, clean(name))
			}
		}
	}
	return b.Error != nil, code, params
}

// maxMessageLen bounds how much of an API error message is repeated in a diagnostic.
const maxMessageLen = 512

// clean makes an API message safe to put in one diagnostic line: valid UTF-8,
// no control characters, bounded length.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	// The bound counts characters: the byte length of the first
	// maxMessageLen of them is where the cut goes.
	n, runes := len(s), 0
	for i := range s {
		if runes == maxMessageLen {
			n = i
			break
		}
		runes++
	}
	return text.Truncate(s, n)
}

// apiMessage is errorMessage with the API key taken out: some APIs echo a
// rejected key in their error. The raw body is redacted first so that
// truncation cannot leave a prefix of the key, and the message again for a
// key that only appears once JSON escapes are decoded.
func (c *Client) apiMessage(body []byte) string {
	if c.cfg.APIKey != "" {
		body = bytes.ReplaceAll(body, []byte(c.cfg.APIKey), []byte(redacted))
	}
	return redactKey(errorMessage(body), c.cfg.APIKey)
}

const redacted = "[REDACTED]"

// redact takes the API key out of s, a value quoted from a response.
func (c *Client) redact(s string) string { return redactKey(s, c.cfg.APIKey) }

// redactErr takes the API key out of every value an error of the client
// quotes from a response, whatever built it: a decoding error's path and
// reason, a listing's reason, an API error's message and code. It changes
// err in place, before any other read can share it, and returns it.
func (c *Client) redactErr(err error) error {
	var (
		apiErr  *APIError
		decErr  *DecodeError
		pageErr *PaginationError
	)
	switch {
	case err == nil:
	case errors.As(err, &apiErr):
		apiErr.Message, apiErr.Code, apiErr.RedirectHost = c.redact(apiErr.Message), c.redact(apiErr.Code), c.redact(apiErr.RedirectHost)
		for i, p := range apiErr.QueryParams {
			apiErr.QueryParams[i] = c.redact(p)
		}
	case errors.As(err, &decErr):
		decErr.Path, decErr.Reason = c.redact(decErr.Path), c.redact(decErr.Reason)
	case errors.As(err, &pageErr):
		pageErr.Reason = c.redact(pageErr.Reason)
	}
	return err
}

func redactKey(s, key string) string {
	if key == "" {
		return s
	}
	return strings.ReplaceAll(s, key, redacted)
}
