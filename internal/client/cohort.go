package client

import (
	"context"
)

// Cohort is a campaign's contact list as the API describes it; the contacts
// themselves, which are personal data, are never read.
type Cohort struct {
	Name       *string       `json:"name"`
	CohortID   *string       `json:"cohort_id"`
	Status     *string       `json:"status"`
	SourceType *string       `json:"source_type"`
	CreatedBy  *string       `json:"created_by"`
	CreatedAt  *string       `json:"created_at"`
	UpdatedAt  *string       `json:"updated_at"`
	Result     *CohortResult `json:"result"`
	UpdatedBy  *string       `json:"updated_by"`
}

// CohortResult counts the records of a processed cohort.
type CohortResult struct {
	TotalRecords    *int64 `json:"total_records"`
	ValidRecords    *int64 `json:"valid_records"`
	RejectedRecords *int64 `json:"rejected_records"`
}

func cohortRequired(co *Cohort) []requiredField {
	return []requiredField{
		{"cohort_id", co.CohortID != nil},
		{"name", co.Name != nil},
		{"status", co.Status != nil},
	}
}

func cohortsPath(org, workspace, campaignID string, rest ...segment) []segment {
	return scoped(org, workspace, append([]segment{word("campaigns"), id("campaign_id", campaignID), word("cohorts")}, rest...)...)
}

// ListCohorts reads the cohorts of a campaign, every page of them up to
// q.MaxResults. The endpoint has no status filter, so q.Status is not sent.
func (c *Client) ListCohorts(ctx context.Context, org, workspace, campaignID string, q ListQuery) (*ListResult[Cohort], error) {
	return listEvery(ctx, c, q, "", listEndpoint[Cohort]{
		endpoint: "List Cohorts",
		path:     cohortsPath(org, workspace, campaignID),
		key:      func(co *Cohort) string { return *co.CohortID },
		required: cohortRequired,
	})
}

// GetCohort reads one cohort of a campaign.
func (c *Client) GetCohort(ctx context.Context, org, workspace, campaignID, cohortID string) (*Cohort, error) {
	return getJSON(ctx, c, cohortsPath(org, workspace, campaignID, id("cohort_id", cohortID)), nil, cohortRequired)
}
