package fakeapi

import (
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestWebhooks(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	type webhook struct {
		WebhookID     string             `json:"webhook_id"`
		Name          string             `json:"name"`
		URL           string             `json:"url"`
		CreatedBy     string             `json:"created_by"`
		CreatedAt     string             `json:"created_at"`
		UpdatedAt     string             `json:"updated_at"`
		CustomHeaders *map[string]string `json:"custom_headers"`
		UpdatedBy     *string            `json:"updated_by"`
		SigningSecret *string            `json:"signing_secret"`
	}
	read := func(id string) (webhook, string) {
		t.Helper()
		status, header, body := get(t, srv, webhookPath(OrgID, WorkspaceID, id), testKey)
		var w webhook
		if status != 200 || header.Get("Content-Type") != "application/json" || json.Unmarshal([]byte(body), &w) != nil || w.WebhookID != id {
			t.Fatalf("%s: HTTP %d %s", id, status, body)
		}
		if w.Name == "" || !strings.HasPrefix(w.URL, "https://") || w.CreatedBy == "" || w.CreatedAt == "" || w.UpdatedAt == "" {
			t.Fatalf("%s: a required field is missing: %s", id, body)
		}
		return w, body
	}
	w, _ := read(WebhookWithHeadersID)
	if w.CustomHeaders == nil || len(*w.CustomHeaders) != 2 || (*w.CustomHeaders)["Authorization"] != WebhookAuthHeaderValue || (*w.CustomHeaders)["X-Team"] != "collections" || w.UpdatedBy == nil || w.SigningSecret != nil {
		t.Errorf("with headers: %+v", w)
	}
	w, body := read(WebhookNoHeadersID)
	if w.CustomHeaders != nil || w.UpdatedBy != nil || !strings.Contains(body, `"custom_headers": null`) || !strings.Contains(body, `"updated_by": null`) {
		t.Errorf("without headers: %s", body)
	}
	w, _ = read(WebhookWithSecretID)
	if w.SigningSecret == nil || *w.SigningSecret != WebhookSigningSecret || w.CustomHeaders == nil {
		t.Errorf("with secret: %+v", w)
	}

	if status, _, body := get(t, srv, webhookPath(OrgID, WorkspaceID, "wh-missing"), testKey); status != 404 ||
		strings.TrimSpace(body) != `{"error":{"code":"webhook_not_found","message":"Webhook configuration wh-missing not found","type":"not_found_error"}}` {
		t.Errorf("unknown: HTTP %d %s", status, body)
	}
	if status, _, body := get(t, srv, webhookPath(OrgID, "ws-other", WebhookWithHeadersID), testKey); status != 403 || !strings.Contains(body, "workspace_access_denied") {
		t.Errorf("other workspace: HTTP %d %s", status, body)
	}
	if status, _, _ := get(t, srv, webhookPath(OrgID, WorkspaceID, WebhookWithHeadersID), ""); status != 401 {
		t.Errorf("no key: HTTP %d", status)
	}

	s.PutWebhook("o", "w", "a/b", []byte(`{"webhook_id":"a/b"}`))
	if status, _, body := get(t, srv, webhookPath("o", "w", "a%2Fb"), keyFor(s, "o", "w")); status != 200 || body != `{"webhook_id":"a/b"}` {
		t.Errorf("escaped id: HTTP %d %s", status, body)
	}
	if b, ok := s.Webhook("o", "w", "a/b"); !ok || string(b) != `{"webhook_id":"a/b"}` {
		t.Errorf("Webhook: %s %v", b, ok)
	}
}

// TestWebhooksListed: the list has the envelope, paging, search, sorting and
// guards of the other lists, and its items are whole configurations as GET
// serves them.
func TestWebhooksListed(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	all := []string{WebhookWithSecretID, WebhookNoHeadersID, WebhookWithHeadersID, WebhookCaseTwinID}
	p := list(t, srv, webhooksPath)
	if ids := p.ids(t, "webhook_id"); !slices.Equal(ids, all) || p.Total != 4 || p.Limit != 10 || p.NextPageURI != nil {
		t.Fatalf("ids %v total %d limit %d next %s, want %v", ids, p.Total, p.Limit, str(p.NextPageURI), all)
	}
	for i, id := range all {
		_, _, body := get(t, srv, webhookPath(OrgID, WorkspaceID, id), testKey)
		b, _ := json.Marshal(p.Items[i])
		if compact(t, b) != compact(t, json.RawMessage(body)) {
			t.Errorf("%s: list item %s, GET %s", id, b, body)
		}
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		// The two names that differ only in case both match by default.
		{"search=crm+attempt+updates", []string{WebhookWithHeadersID, WebhookCaseTwinID}},
		{"sort_by=name&sort_order=asc", []string{WebhookNoHeadersID, WebhookCaseTwinID, WebhookWithHeadersID, WebhookWithSecretID}},
		{"limit=3&offset=3", []string{WebhookCaseTwinID}},
		{"campaign_status=paused", all},
	} {
		if ids := list(t, srv, webhooksPath+"?"+tc.query).ids(t, "webhook_id"); !slices.Equal(ids, tc.want) {
			t.Errorf("?%s: %v, want %v", tc.query, ids, tc.want)
		}
	}
	p = list(t, srv, webhooksPath+"?limit=2")
	if str(p.NextPageURI) != webhooksPath+"?limit=2&offset=2" {
		t.Errorf("next %s", str(p.NextPageURI))
	}
	for _, tc := range []struct {
		query, key string
		status     int
		body       string
	}{
		{"limit=101", testKey, 422, `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","limit"],"msg":"Input should be less than or equal to 100, got 101","type":"less_than_equal"}]},"message":"Invalid query parameters: limit: Input should be less than or equal to 100, got 101","type":"invalid_request_error"}}`},
		{"sort_by=url", testKey, 422, `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","sort_by"],"msg":"Input should be 'created_at', 'name' or 'updated_at', got \"url\"","type":"enum"}]},"message":"Invalid query parameters: sort_by: Input should be 'created_at', 'name' or 'updated_at', got \"url\"","type":"invalid_request_error"}}`},
		{"", "", 401, `{"error":{"code":"missing_api_key","message":"Missing API key. Pass it in the X-API-Key header.","type":"authentication_error"}}`},
	} {
		status, _, body := get(t, srv, webhooksPath+"?"+tc.query, tc.key)
		if status != tc.status || strings.TrimSpace(body) != tc.body {
			t.Errorf("?%s: HTTP %d %s\nwant %d %s", tc.query, status, body, tc.status, tc.body)
		}
	}
}
