package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCheckAPIKey(t *testing.T) {
	const key = "sk_live_9f8e7d6c5b4a"
	for _, tc := range []struct {
		name, key, want string
	}{
		{"trailing newline", key + "\n", "the API key contains a line break, which cannot be sent in an HTTP header; a key read from a file often ends with one"},
		{"CRLF", key + "\r\n", "the API key contains a line break, which cannot be sent in an HTTP header; a key read from a file often ends with one"},
		{"line break inside", key[:6] + "\n" + key[6:], "the API key contains a line break, which cannot be sent in an HTTP header; a key read from a file often ends with one"},
		{"tab", key + "\t", "the API key contains a control character (byte 0x09), which cannot be sent in an HTTP header"},
		{"NUL", key + "\x00", "the API key contains a control character (byte 0x00), which cannot be sent in an HTTP header"},
		{"DEL", "\x7f" + key, "the API key contains a control character (byte 0x7f), which cannot be sent in an HTTP header"},
		{"typographic quotes", "“" + key + "”", "the API key contains a character that is not ASCII, which no API key has; was it copied with typographic quotes or a non-breaking space?"},
		{"non-breaking space", key + "\u00a0", "the API key contains a character that is not ASCII, which no API key has; was it copied with typographic quotes or a non-breaking space?"},
		{"empty", "", "no API key given"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckAPIKey(tc.key)
			requireErrorText(t, err, tc.want)
			if tc.key != "" && strings.Contains(err.Error(), key) {
				t.Fatalf("the key is repeated: %s", err)
			}
			// Inside the key, where New's trimming cannot remove it.
			c, err := New(Config{APIKey: "k" + tc.key + "k"})
			if tc.key == "" {
				c, err = New(Config{})
			}
			if c != nil || err == nil || strings.Contains(err.Error(), key) {
				t.Fatalf("New accepted or repeated the key: %v", err)
			}
		})
	}
	for _, ok := range []string{key, "a", "sk-test_1.2~AZaz09/+=", "key with a space inside"} {
		if err := CheckAPIKey(ok); err != nil {
			t.Errorf("CheckAPIKey refused a valid key: %v", err)
		}
	}
}

// New trims white space around the key, as read from a file, and sends the
// trimmed key.
func TestNewTrimsAPIKey(t *testing.T) {
	p := newPager(t, func(int, url.Values) (int, string) { return 404, `` })
	cfg := fastConfig(p.srv.URL)
	cfg.APIKey = "  " + testKey + "\n"
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if c.cfg.APIKey != testKey {
		t.Fatalf("key %q was not trimmed", c.cfg.APIKey)
	}
	var sent string
	c.transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent = r.Header.Get("X-Api-Key")
		return http.DefaultTransport.RoundTrip(r)
	})
	if _, err := c.GetCampaign(context.Background(), "o", "w", "c"); !IsNotFound(err) {
		t.Fatalf("GetCampaign: %v", err)
	}
	if sent != testKey {
		t.Fatalf("sent key %q, want the trimmed key", sent)
	}
	_, err = New(Config{APIKey: " \n\t"})
	requireErrorText(t, err, "the API key is only white space")
}

// A request net/http would refuse before sending anything is reported as
// such, once: no retry, and nothing that reads like a network failure.
func TestRequestErrorNotRetried(t *testing.T) {
	for _, tc := range []struct {
		name   string
		modify func(c *Client)
		want   string
	}{
		{"line break in the user agent", func(c *Client) { c.cfg.UserAgent = "terraform-provider-sarvam/1.0\r\nX-Injected: 1" },
			"the User-Agent header value contains a line break"},
		// New refuses such a key; this is the check behind it.
		{"control character in the key", func(c *Client) { c.cfg.APIKey = testKey + "\x01" },
			"the X-Api-Key header value contains a control character (byte 0x01)"},
		{"line break in the key", func(c *Client) { c.cfg.APIKey = testKey + "\n" },
			"the X-Api-Key header value contains a line break"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPager(t, func(int, url.Values) (int, string) { return 200, `{}` })
			h := &harness{c: p.c}
			h.recordWaits()
			tc.modify(p.c)
			_, err := p.c.GetCampaign(context.Background(), "o", "w", "c")
			requireErrorText(t, err, "the request to "+p.c.host+" was not sent: "+tc.want)
			rErr := requireAs[*RequestError](t, err)
			if rErr.Host != p.c.host {
				t.Fatalf("RequestError %+v", rErr)
			}
			var tErr *TransportError
			if errors.As(err, &tErr) || strings.Contains(err.Error(), "network") {
				t.Fatalf("reported as a network failure: %v", err)
			}
			requireNoKey(t, err.Error())
			if n := len(p.requests()); n != 0 {
				t.Fatalf("%d requests reached the server", n)
			}
			if w := h.recordedWaits(); len(w) != 0 {
				t.Fatalf("waited %v to retry", w)
			}
		})
	}
}
