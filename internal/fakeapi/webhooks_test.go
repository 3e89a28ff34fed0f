package fakeapi

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

func webhookPath(org, ws, id string) string {
	return BasePath + "/v1/orgs/" + org + "/workspaces/" + ws + "/webhooks/" + id
}

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
	if status, _, body := get(t, srv, webhookPath(OrgID, "ws-other", WebhookWithHeadersID), testKey); status != 404 || !strings.Contains(body, "webhook_not_found") {
		t.Errorf("other workspace: HTTP %d %s", status, body)
	}
	// The list endpoint's shape is not known, so it is not served.
	if status, _, body := get(t, srv, BasePath+"/v1/orgs/"+OrgID+"/workspaces/"+WorkspaceID+"/webhooks", testKey); status != 404 || strings.TrimSpace(body) != `{"detail":"Not Found"}` {
		t.Errorf("list: HTTP %d %s", status, body)
	}
	if status, _, _ := get(t, srv, webhookPath(OrgID, WorkspaceID, WebhookWithHeadersID), ""); status != 401 {
		t.Errorf("no key: HTTP %d", status)
	}

	s.PutWebhook("o", "w", "a/b", []byte(`{"webhook_id":"a/b"}`))
	if status, _, body := get(t, srv, webhookPath("o", "w", "a%2Fb"), testKey); status != 200 || body != `{"webhook_id":"a/b"}` {
		t.Errorf("escaped id: HTTP %d %s", status, body)
	}
	if b, ok := s.Webhook("o", "w", "a/b"); !ok || string(b) != `{"webhook_id":"a/b"}` {
		t.Errorf("Webhook: %s %v", b, ok)
	}
}
