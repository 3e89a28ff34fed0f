package client

import (
	"context"
	"encoding/json"
)

// Campaign is the Get Campaign response. Every scalar is a pointer and every
// object a pointer so that a field the API leaves out, or sends as null, stays
// distinguishable from its zero value: nothing is invented.
type Campaign struct {
	// CampaignSummary holds the 11 fields List Campaigns also returns.
	CampaignSummary
	AppConfig       *AppConfig       `json:"app_config"`
	StartTimestamp  *string          `json:"start_timestamp"`
	EndTimestamp    *string          `json:"end_timestamp"`
	AllowedSchedule *AllowedSchedule `json:"allowed_schedule"`
	// WebhookConfig is the campaign's top-level webhook configuration for
	// call completion events, not app_config.webhook_config. Its fields are
	// not published, so it is kept as a raw JSON object; nil when the API
	// sends null or nothing.
	WebhookConfig json.RawMessage `json:"webhook_config"`
}

// AppConfig is the agent configuration of a campaign.
type AppConfig struct {
	AppID             *string            `json:"app_id"`
	AppVersion        *int64             `json:"app_version"`
	AttemptsPerSecond *float64           `json:"attempts_per_second"`
	ConnectionConfigs []ConnectionConfig `json:"connection_configs"`
	RetryConfig       *RetryConfig       `json:"retry_config"`
	AppType           *string            `json:"app_type"`
	WebhookConfig     *WebhookConfig     `json:"webhook_config"`
	PhoneRotation     *PhoneRotation     `json:"phone_rotation"`
}

// ConnectionConfig is one telephony connection and the caller numbers it dials from.
type ConnectionConfig struct {
	ConnectionID *string `json:"connection_id"`
	// Elements are pointers so that a null in the list stays null.
	PhoneNumbers []*string `json:"phone_numbers"`
	Weight       *int64    `json:"weight"`
}

// RetryConfig is the campaign's retry policy.
type RetryConfig struct {
	MaxRetries           *int64      `json:"max_retries"`
	RetryOn              *RetryOn    `json:"retry_on"`
	RetryIntervalMinutes IntegerList `json:"retry_interval_minutes"`
}

// RetryOn holds the call outcomes that trigger a retry; any may be absent.
type RetryOn struct {
	Busy          *RetryToggle        `json:"busy"`
	Failed        *RetryToggle        `json:"failed"`
	NoAnswer      *RetryToggle        `json:"no_answer"`
	ShortDuration *ShortDurationRetry `json:"short_duration"`
	ProviderError *ErrorRetry         `json:"provider_error"`
	InternalError *ErrorRetry         `json:"internal_error"`
}

// RetryToggle is a retry condition that is only switched on or off.
type RetryToggle struct {
	Enabled *bool `json:"enabled"`
}

// ShortDurationRetry retries calls that ended sooner than a threshold.
type ShortDurationRetry struct {
	Enabled          *bool  `json:"enabled"`
	ThresholdSeconds *int64 `json:"threshold_seconds"`
}

// ErrorRetry retries calls that failed on an error, with its own budget and interval.
type ErrorRetry struct {
	Enabled              *bool  `json:"enabled"`
	MaxRetries           *int64 `json:"max_retries"`
	RetryIntervalMinutes *int64 `json:"retry_interval_minutes"`
}

// WebhookConfig is where per-attempt results are posted. Metadata is kept as
// raw JSON because it is free-form.
type WebhookConfig struct {
	URL      *string         `json:"url"`
	Metadata json.RawMessage `json:"metadata"`
}

// PhoneRotation rotates caller numbers across retries.
type PhoneRotation struct {
	Agent *bool `json:"agent"`
}

// AllowedSchedule is the calling window.
type AllowedSchedule struct {
	AllowedStartTime *string   `json:"allowed_start_time"`
	AllowedEndTime   *string   `json:"allowed_end_time"`
	AllowedDays      []*string `json:"allowed_days"`
	Timezone         *string   `json:"timezone"`
}

// GetCampaign reads one campaign.
func (c *Client) GetCampaign(ctx context.Context, org, workspace, campaignID string) (*Campaign, error) {
	return getJSON(ctx, c, campaignPath(org, workspace, campaignID), nil, campaignRequired)
}

func campaignPath(org, workspace, campaignID string) []segment {
	return scoped(org, workspace, word("campaigns"), id("campaign_id", campaignID))
}

// campaignRequired lists the fields every campaign has; the rest may be
// missing or null (app_id, for one, is null for an experiment's campaign).
func campaignRequired(c *Campaign) []requiredField {
	return []requiredField{
		{"campaign_id", c.CampaignID != nil},
		{"name", c.Name != nil},
		{"status", c.Status != nil},
		{"app_config", c.AppConfig != nil},
		{"allowed_schedule", c.AllowedSchedule != nil},
	}
}

// afterDecode reads a null webhook_config as nil, refuses one that is not
// an object, and refuses free-form JSON past the bounds CheckFreeForm
// keeps.
func (c *Campaign) afterDecode() (path, reason string) {
	switch {
	case string(c.WebhookConfig) == "null":
		c.WebhookConfig = nil
	case len(c.WebhookConfig) > 0 && c.WebhookConfig[0] != '{':
		return "webhook_config", "want an object or null, got " + describeJSON(c.WebhookConfig)
	}
	if reason := CheckFreeForm(c.WebhookConfig); reason != "" {
		return "webhook_config", reason
	}
	if a := c.AppConfig; a != nil && a.WebhookConfig != nil {
		if reason := CheckFreeForm(a.WebhookConfig.Metadata); reason != "" {
			return "app_config.webhook_config.metadata", reason
		}
	}
	return "", ""
}

// CampaignSummary is a campaign as List Campaigns returns it: the 11 fields
// of the API's summary metadata, without the configuration Get Campaign has.
type CampaignSummary struct {
	Name        *string `json:"name"`
	CampaignID  *string `json:"campaign_id"`
	Status      *string `json:"status"`
	AppID       *string `json:"app_id"`
	CreatedBy   *string `json:"created_by"`
	CreatedAt   *string `json:"created_at"`
	UpdatedAt   *string `json:"updated_at"`
	Description *string `json:"description"`
	AppType     *string `json:"app_type"`
	AppVersion  *int64  `json:"app_version"`
	UpdatedBy   *string `json:"updated_by"`
}

// campaignSummaryRequired refuses only a summary without its id, name or
// status; like a campaign's, its other fields may be null (app_id is, for an
// experiment's campaign).
func campaignSummaryRequired(s *CampaignSummary) []requiredField {
	return []requiredField{
		{"campaign_id", s.CampaignID != nil},
		{"name", s.Name != nil},
		{"status", s.Status != nil},
	}
}

// ListCampaigns reads the campaigns of a workspace, every page of them up to
// q.MaxResults. q.Status is sent as campaign_status.
func (c *Client) ListCampaigns(ctx context.Context, org, workspace string, q ListQuery) (*ListResult[CampaignSummary], error) {
	return listEvery(ctx, c, q, "campaign_status", listEndpoint[CampaignSummary]{
		endpoint: "List Campaigns",
		path:     scoped(org, workspace, word("campaigns")),
		key:      func(s *CampaignSummary) string { return *s.CampaignID },
		required: campaignSummaryRequired,
	})
}
