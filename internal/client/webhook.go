package client

import (
	"context"
)

// WebhookConfiguration is a workspace's webhook configuration. It has no
// signing secret: the API returns that only when the configuration is
// created, and a response that carries one anyway has it dropped here.
type WebhookConfiguration struct {
	WebhookID *string `json:"webhook_id"`
	Name      *string `json:"name"`
	URL       *string `json:"url"`
	CreatedBy *string `json:"created_by"`
	CreatedAt *string `json:"created_at"`
	UpdatedAt *string `json:"updated_at"`
	// CustomHeaders is nil when the API sends null or nothing, and empty
	// for {}.
	CustomHeaders map[string]*string `json:"custom_headers"`
	UpdatedBy     *string            `json:"updated_by"`
}

func webhookRequired(w *WebhookConfiguration) []requiredField {
	return []requiredField{
		{"webhook_id", w.WebhookID != nil},
		{"url", w.URL != nil},
	}
}

// GetWebhookConfig reads one webhook configuration.
func (c *Client) GetWebhookConfig(ctx context.Context, org, workspace, webhookID string) (*WebhookConfiguration, error) {
	return getJSON(ctx, c, webhooksPath(org, workspace, id("webhook_id", webhookID)), nil, webhookRequired)
}

func webhooksPath(org, workspace string, rest ...segment) []segment {
	return scoped(org, workspace, append([]segment{word("webhooks")}, rest...)...)
}

// ListWebhookConfigs reads the webhook configurations of a workspace, every
// page of them up to q.MaxResults. A workspace holds at most five, by the
// API's documentation, but a longer list is read all the same. The endpoint
// has no status filter, so q.Status is not sent.
func (c *Client) ListWebhookConfigs(ctx context.Context, org, workspace string, q ListQuery) (*ListResult[WebhookConfiguration], error) {
	return listEvery(ctx, c, q, "", listEndpoint[WebhookConfiguration]{
		endpoint: "List Webhook Configurations",
		path:     webhooksPath(org, workspace),
		key:      func(w *WebhookConfiguration) string { return *w.WebhookID },
		required: webhookRequired,
	})
}
