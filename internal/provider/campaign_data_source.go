package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
		id, ok := d.findByName(ctx, m, &resp.Diagnostics)
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
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// maxNearMisses bounds the campaigns an unmatched name suggests.
const maxNearMisses = 5

// findByName lists the campaigns the API finds for name, across every page,
// and returns the id of the one whose name is exactly name. None, or
// several, is an error on name that says what was found.
func (d *campaignDataSource) findByName(ctx context.Context, m *campaignModel, diags *diag.Diagnostics) (string, bool) {
	name := m.Name.ValueString()
	list, err := d.client().ListCampaigns(ctx, m.org(), m.workspace(), client.ListQuery{Search: name})
	if err != nil {
		readError(diags, err, target{kind: "campaign list", idAttr: "workspace_id", scope: m.scopeModel, asked: fmt.Sprintf("the campaigns named %q %s", name, m.in())})
		return "", false
	}
	var exact, nearMisses []client.CampaignSummary
	for _, c := range list.Items {
		switch n := deref(c.Name); {
		case n == name:
			exact = append(exact, c)
		case strings.EqualFold(n, name) && len(nearMisses) < maxNearMisses:
			nearMisses = append(nearMisses, c)
		}
	}
	switch len(exact) {
	case 1:
		return deref(exact[0].CampaignID), true
	case 0:
		detail := fmt.Sprintf("No campaign %s is named exactly %q (names are matched case-sensitively).", m.in(), name)
		if len(nearMisses) > 0 {
			detail += " Campaigns whose names differ only in case:" + describeCampaigns(nearMisses) + "\nUse the exact name, or campaign_id."
		}
		diags.AddAttributeError(path.Root("name"), "Campaign not found", detail)
	default:
		diags.AddAttributeError(path.Root("name"), "Several campaigns have this name",
			fmt.Sprintf("%d campaigns %s are named %q; campaign names are not unique.%s\nSet campaign_id to the one to read instead of name.",
				len(exact), m.in(), name, describeCampaigns(exact)))
	}
	return "", false
}

func describeCampaigns(cs []client.CampaignSummary) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "\n  - %q: campaign_id %q, status %q", deref(c.Name), deref(c.CampaignID), deref(c.Status))
	}
	return b.String()
}
