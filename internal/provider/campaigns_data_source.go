package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

func newCampaignsDataSource() datasource.DataSource {
	return newListDataSource[campaignsModel, *campaignsModel, client.CampaignSummary]("campaigns", schema.Schema{
		MarkdownDescription: "Lists the calling campaigns of a workspace (List Campaigns), optionally only those of one status or matching a name, reading every page. " +
			"Each campaign is the summary the API lists; read `sarvam_campaign` with one of `ids` for its schedule, dial rate, retry policy and webhook. " +
			"No match is empty lists and `total = 0`, not an error.",
		Attributes: withScope("the campaigns belong to", withListArguments("campaigns", map[string]schema.Attribute{
			"status": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only campaigns with this status, sent as the API's `campaign_status`. The documented values, in lower case: `scheduled`, `active`, `paused`, `ended`, `cancelled`. " +
					"Another value (`running`, `Active`) is sent as given, with a warning: the API usually matches no campaign with it, or refuses it. Unset lists every status.",
			},
			"campaigns": computedLongObjectList("The campaigns, in the order of `sort_by` and `sort_order`. A list that changed while it was read (a campaign listed twice, or `total` changed) is read once more, and is an error if it changes again. "+
				"Each holds `campaign_id` and the attributes of `sarvam_campaign` that the list gives (`"+strings.Join(slices.Sorted(maps.Keys(campaignSummaryAttributes())), "`, `")+"`), described there; the others need a read of `sarvam_campaign`.",
				campaignListItemAttributes()),
			"ids": computedStringList("The `campaign_id` of each of `campaigns`, in the same order."),
		})),
	})
}

// campaignListItemAttributes are the attributes of one listed campaign.
func campaignListItemAttributes() map[string]schema.Attribute {
	item := campaignSummaryAttributes()
	item["campaign_id"] = computedString("ID of the campaign.")
	return item
}

// campaignsModel is the data source's state. A read leaves Campaigns and IDs
// nil: fill builds both lists as state values, which the read writes into
// state directly (campaigns_state.go).
type campaignsModel struct {
	scopeModel
	listModel
	Status    types.String            `tfsdk:"status"`
	Campaigns []campaignListItemModel `tfsdk:"campaigns"`
	IDs       []types.String          `tfsdk:"ids"`

	values map[string]tftypes.Value
}

// campaignListItemModel is one campaign of the list as state holds it. Its
// fromAPI and attrValues, which build the values written directly, are in
// campaigns_state.go.
type campaignListItemModel struct {
	CampaignID types.String `tfsdk:"campaign_id"`
	campaignSummaryModel
}

func (m *campaignsModel) about() target {
	return target{kind: "campaign list", item: "campaign", idAttr: "workspace_id", scope: m.scopeModel, asked: "the campaign list " + m.in()}
}

func (m *campaignsModel) fetch(ctx context.Context, c *client.Client, q client.ListQuery) (*client.ListResult[client.CampaignSummary], error) {
	q.Status = m.Status.ValueString()
	return c.ListCampaigns(ctx, m.org(), m.workspace(), q)
}

func (m *campaignsModel) fill(items []client.CampaignSummary) error {
	campaigns, ids, err := campaignListValues(items, campaignListType)
	m.values = map[string]tftypes.Value{"campaigns": campaigns, "ids": ids}
	return err
}

func (m *campaignsModel) itemValues() map[string]tftypes.Value { return m.values }

// warnArguments warns of a status the API does not document, such as
// "running" or "Active": the API filters by it as given, so the list is
// usually empty, which would otherwise read as "no campaigns". The read
// still goes ahead, as the API may add statuses.
func (m *campaignsModel) warnArguments(diags *diag.Diagnostics) {
	status := m.Status.ValueString()
	if status == "" || slices.Contains(campaignStatuses, status) {
		return
	}
	diags.AddAttributeWarning(path.Root("status"), "Campaign status not documented",
		fmt.Sprintf("status = %q is not one of the statuses the API documents: %s (lower case). "+
			"The list was read anyway; the API matches the value as given, which usually matches no campaign, "+
			"so an empty list does not mean that the workspace has no campaigns.", status, documentedStatuses))
}
