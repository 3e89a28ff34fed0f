package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
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
			"campaigns": computedObjectList("The campaigns, in the order of `sort_by` and `sort_order`. A campaign that the API lists twice, because the list shifted between pages, is kept once.", item),
			"ids":       computedStringList("The `campaign_id` of each of `campaigns`, in the same order."),
		})),
	}
}

type campaignsModel struct {
	scopeModel
	listModel
	Status    types.String            `tfsdk:"status"`
	Campaigns []campaignListItemModel `tfsdk:"campaigns"`
	IDs       []types.String          `tfsdk:"ids"`
}

type campaignListItemModel struct {
	CampaignID types.String `tfsdk:"campaign_id"`
	campaignSummaryModel
}

func (m *campaignListItemModel) fromAPI(s *client.CampaignSummary) error {
	m.CampaignID = types.StringPointerValue(s.CampaignID)
	return m.campaignSummaryModel.fromAPI(s)
}
