package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*campaignsDataSource)(nil)

type campaignsDataSource struct{ dataSource[campaignsModel] }

func newCampaignsDataSource() datasource.DataSource {
	return &campaignsDataSource{dataSource[campaignsModel]{name: "campaigns"}}
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
				MarkdownDescription: "Only campaigns with this status, sent as the API's `campaign_status`. Known values: `scheduled`, `active`, `paused`, `ended`, `cancelled`. " +
					"Unset lists every status.",
			},
			"campaigns": computedObjectList("The campaigns, in the order of `sort_by` and `sort_order`. A campaign that the API lists twice, because the list shifted between pages, is kept once.", item),
			"ids":       computedStringList("The `campaign_id` of each of `campaigns`, in the same order."),
		})),
	}
}

func (d *campaignsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	q := m.query()
	q.Status = m.Status.ValueString()
	t := target{kind: "campaign list", idAttr: "workspace_id", asked: "the campaign list " + m.in()}
	list, err := d.client().ListCampaigns(ctx, m.org(), m.workspace(), q)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	m.Total = types.Int64PointerValue(list.Total)
	if m.Campaigns, m.IDs, err = mapItems("campaigns", list.Items, mapCampaignListItem, func(i *campaignListItemModel) types.String { return i.CampaignID }); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func mapCampaignListItem(s *client.CampaignSummary) (campaignListItemModel, error) {
	summary, err := mapCampaignSummary(s)
	return campaignListItemModel{CampaignID: types.StringPointerValue(s.CampaignID), campaignSummaryModel: summary}, err
}
