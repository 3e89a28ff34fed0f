package provider

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func (d *campaignsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := campaignSummaryAttributes()
	item["campaign_id"] = computedString("ID of the campaign.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the calling campaigns of a workspace (List Campaigns), optionally only those of one status or matching a name, reading every page. " +
			"Each campaign is the summary the API lists; read `sarvam_campaign` with one of `ids` for its schedule, dial rate, retry policy and webhook. " +
			"No match is empty lists and `total = 0`, not an error.",
		Attributes: withScope("the campaigns belong to", withListArguments("campaigns", map[string]schema.Attribute{
			"status": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only campaigns with this status, sent as the API's `campaign_status`. The documented values, in lower case: `scheduled`, `active`, `paused`, `ended`, `cancelled`. " +
					"Another value (`running`, `Active`) is sent as given, with a warning: the API usually matches no campaign with it, or refuses it. Unset lists every status.",
			},
			"campaigns": computedLongObjectList("The campaigns, in the order of `sort_by` and `sort_order`. A campaign that the API lists twice, because the list shifted between pages, is kept once. "+
				"Each holds `campaign_id` and the attributes of `sarvam_campaign` that the list gives (`"+strings.Join(slices.Sorted(maps.Keys(campaignSummaryAttributes())), "`, `")+"`), described there; the others need a read of `sarvam_campaign`.", item),
			"ids": computedStringList("The `campaign_id` of each of `campaigns`, in the same order."),
		})),
	}
}

// campaignsModel is the data source's state. A read leaves Campaigns and IDs
// nil and writes both lists into state directly (campaigns_state.go).
type campaignsModel struct {
	scopeModel
	listModel
	Status    types.String            `tfsdk:"status"`
	Campaigns []campaignListItemModel `tfsdk:"campaigns"`
	IDs       []types.String          `tfsdk:"ids"`
}

// campaignListItemModel is one campaign of the list as state holds it. Its
// fromAPI, the reference the values written directly are held to, is in
// campaigns_state_test.go.
type campaignListItemModel struct {
	CampaignID types.String `tfsdk:"campaign_id"`
	campaignSummaryModel
}
