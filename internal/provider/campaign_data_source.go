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

var _ datasource.DataSourceWithConfigValidators = (*campaignDataSource)(nil)

type campaignDataSource struct {
	dataSource[campaignModel, *campaignModel]
}

func newCampaignDataSource() datasource.DataSource {
	return &campaignDataSource{dataSource[campaignModel, *campaignModel]{name: "campaign"}}
}

func (d *campaignDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("campaign_id"), path.MatchRoot("name")),
	}
}

func (d *campaignDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	if m.CampaignID.IsNull() {
		id, ok := findByName(ctx, d.byName(m), m.Name.ValueString(), &resp.Diagnostics)
		if !ok {
			return
		}
		m.CampaignID = types.StringValue(id)
	}
	id := m.CampaignID.ValueString()
	t := target{kind: "campaign", idAttr: "campaign_id", scope: m.scopeModel, asked: fmt.Sprintf("campaign %q %s", id, m.in())}
	campaign, err := d.client().GetCampaign(ctx, m.org(), m.workspace(), id)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	if err := m.fromAPI(campaign); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
}

// byName finds the campaign by its name in the model's scope.
func (d *campaignDataSource) byName(m *campaignModel) nameLookup[client.CampaignSummary] {
	return nameLookup[client.CampaignSummary]{
		kind: "campaign", kinds: "campaigns", idAttr: "campaign_id", in: m.in(),
		listDataSource: "the sarvam_campaigns data source",
		listed:         target{kind: "campaign list", idAttr: "workspace_id", scope: m.scopeModel},
		list: func(ctx context.Context, q client.ListQuery) (*client.ListResult[client.CampaignSummary], error) {
			return d.client().ListCampaigns(ctx, m.org(), m.workspace(), q)
		},
		name: func(c *client.CampaignSummary) *string { return c.Name },
		id:   func(c *client.CampaignSummary) *string { return c.CampaignID },
		note: func(c *client.CampaignSummary) string { return fmt.Sprintf("status %q", deref(c.Status)) },
	}
}
