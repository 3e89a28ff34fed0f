package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

var _ datasource.DataSourceWithConfigValidators = (*campaignCohortDataSource)(nil)

type campaignCohortDataSource struct {
	dataSource[campaignCohortModel, *campaignCohortModel]
}

func newCampaignCohortDataSource() datasource.DataSource {
	return &campaignCohortDataSource{dataSource[campaignCohortModel, *campaignCohortModel]{name: "campaign_cohort"}}
}

func (d *campaignCohortDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("cohort_id"), path.MatchRoot("name")),
	}
}

func (d *campaignCohortDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	if m.CohortID.IsNull() {
		id, ok := findByName(ctx, d.byName(m), m.Name.ValueString(), &resp.Diagnostics)
		if !ok {
			return
		}
		m.CohortID = types.StringValue(id)
	}
	campaignID, cohortID := m.CampaignID.ValueString(), m.CohortID.ValueString()
	t := target{kind: "cohort", idAttr: "cohort_id", check: "cohort_id and campaign_id (the API answers 404 when either does not exist)", scope: m.scopeModel, asked: fmt.Sprintf("cohort %q of campaign %q %s", cohortID, campaignID, m.in())}
	cohort, err := d.client().GetCohort(ctx, m.org(), m.workspace(), campaignID, cohortID)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	if err := m.fromAPI(cohort); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
}

// byName finds the cohort by its name among those of the model's campaign.
// A campaign that does not exist fails the listing with a 404 on
// campaign_id, as sarvam_campaign_cohorts does.
func (d *campaignCohortDataSource) byName(m *campaignCohortModel) nameLookup[client.Cohort] {
	campaignID := m.CampaignID.ValueString()
	return nameLookup[client.Cohort]{
		kind: "cohort", kinds: "cohorts", idAttr: "cohort_id", in: fmt.Sprintf("of campaign %q %s", campaignID, m.in()),
		listDataSource: fmt.Sprintf("the sarvam_campaign_cohorts data source for campaign_id %q", campaignID),
		listed:         target{kind: "campaign", idAttr: "campaign_id", scope: m.scopeModel},
		list: func(ctx context.Context, q client.ListQuery) (*client.ListResult[client.Cohort], error) {
			return d.client().ListCohorts(ctx, m.org(), m.workspace(), campaignID, q)
		},
		name: func(c *client.Cohort) *string { return c.Name },
		id:   func(c *client.Cohort) *string { return c.CohortID },
		note: func(c *client.Cohort) string { return fmt.Sprintf("status %q", deref(c.Status)) },
	}
}
