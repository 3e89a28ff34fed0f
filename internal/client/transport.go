package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// idleConnsPerHost keeps connections for Terraform's default parallelism
// of 10 and then some; Go's default of 2 would reopen them.
const idleConnsPerHost = 32

// NewTransport returns the pooled transport a Client uses by default.
func NewTransport() *http.Transport {
	// Built from scratch rather than cloned from http.DefaultTransport,
	// which another package may have replaced.
	return &http.Transport{
		Proxy:                 proxyUnlessLoopback(http.ProxyFromEnvironment),
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   idleConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}

// proxyUnlessLoopback is fromEnv for every host but a loopback one, which
// never goes through a proxy: plain http is allowed only to loopback, and
// a proxy would receive the key in clear text. Go's own rule skips the
// proxy only for a lowercase "localhost" and loopback IP literals, so
// "LOCALHOST" or "localhost." went through it. The host is normalised by
// the same NormalizeHost that IsLoopback uses, so that what ParseBaseURL
// let through as loopback is what bypasses the proxy.
func proxyUnlessLoopback(fromEnv func(*http.Request) (*url.URL, error)) func(*http.Request) (*url.URL, error) {
	return func(req *http.Request) (*url.URL, error) {
		if IsLoopback(req.URL.Hostname()) {
			return nil, nil
		}
		return fromEnv(req)
	}
}

// NormalizeHost is the one spelling of a host name (without its port) that
// the loopback and proxy rules decide on: lower case, without the trailing
// dot of a fully qualified name, and an IP address in its canonical form.
func NormalizeHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return host
}

// IsLoopback reports whether host, in any case and with or without a
// trailing dot, is localhost or a loopback address.
func IsLoopback(host string) bool {
	host = NormalizeHost(host)
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// attempt sends one request. Its deadline covers the body too, so a server
// that stalls mid-body times out like one that never answers.
func (c *Client) attempt(ctx context.Context, target string) (int, http.Header, []byte, error) {
	actx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, target, nil)
	if err != nil {
		return 0, nil, nil, &RequestError{Host: c.host, Err: unwrapURLError(err)}
	}
	req.Header.Set("X-API-Key", c.cfg.APIKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	// net/http refuses these itself, but with an error that reads like a
	// failed connection; checked here, they are reported as what they are.
	for name, values := range req.Header {
		for _, v := range values {
			if err := checkHeaderValue(name, v); err != nil {
				return 0, nil, nil, &RequestError{Host: c.host, Err: err}
			}
		}
	}
	resp, err := c.transport.RoundTrip(req)
	if err != nil {
		return 0, nil, nil, c.transportError(actx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxBodyBytes+1))
	if err != nil {
		return 0, nil, nil, c.transportError(actx, fmt.Errorf("reading the HTTP %d response body: %w", resp.StatusCode, err))
	}
	if int64(len(body)) > c.cfg.MaxBodyBytes {
		// Typed as a decode error: the answer cannot be used, and a retry
		// would only fetch the same oversized body again.
		return 0, nil, nil, &DecodeError{StatusCode: resp.StatusCode, Reason: fmt.Sprintf("the body from %s is larger than the %d byte limit", c.host, c.cfg.MaxBodyBytes)}
	}
	return resp.StatusCode, resp.Header, body, nil
}

// checkHeaderValue applies net/http's rule for a header value: no control
// character but the tab. The value is never repeated: it may be the key.
func checkHeaderValue(name, v string) error {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < 0x20 && b != '\t') || b == 0x7f {
			if b == '\n' || b == '\r' {
				return fmt.Errorf("the %s header value contains a line break", name)
			}
			return fmt.Errorf("the %s header value contains a control character (byte 0x%02x)", name, b)
		}
	}
	return nil
}

func (c *Client) transportError(actx context.Context, err error) *TransportError {
	timeout := errors.Is(actx.Err(), context.DeadlineExceeded)
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		timeout = true
	}
	// An https request answered in plain HTTP, said plainly, as
	// http.Client says it.
	var recordErr tls.RecordHeaderError
	if errors.As(err, &recordErr) && string(recordErr.RecordHeader[:]) == "HTTP/" {
		err = http.ErrSchemeMismatch
	}
	return &TransportError{Host: c.host, Timeout: timeout, RequestTimeout: c.cfg.RequestTimeout, Err: unwrapURLError(err)}
}

// unwrapURLError drops *url.Error's "Get <url>:" or "parse <url>:" prefix:
// the URL carries user input and the host is already named.
func unwrapURLError(err error) error {
	if uErr, ok := err.(*url.Error); ok {
		return uErr.Err
	}
	return err
}
