package client

import "context"

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
	return list(ctx, c, q, "campaign_status", listing[CampaignSummary]{
		endpoint: "List Campaigns",
		path:     scoped(org, workspace, word("campaigns")),
		key:      func(s *CampaignSummary) string { return *s.CampaignID },
		required: campaignSummaryRequired,
	})
}
