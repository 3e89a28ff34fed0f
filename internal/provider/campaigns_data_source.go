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
		Description: "the campaigns of a workspace, filtered by status or name, every page",
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
// state directly (campaignListValues, below).
type campaignsModel struct {
	scopeModel
	listModel
	Status    types.String            `tfsdk:"status"`
	Campaigns []campaignListItemModel `tfsdk:"campaigns"`
	IDs       []types.String          `tfsdk:"ids"`

	values map[string]tftypes.Value
}

// campaignListItemModel is one campaign of the list as state holds it. Its
// fromAPI, from which the values written directly are built, is below.
type campaignListItemModel struct {
	CampaignID types.String `tfsdk:"campaign_id"`
	campaignSummaryModel
}

func (m *campaignsModel) about() target {
	return target{kind: "campaign list", item: "campaign", idAttr: "workspace_id", scope: m.scopeModel, asked: "the campaign list " + m.where(),
		queries: campaignQueryArguments}
}

// campaignStatuses are the statuses the API documents for a campaign.
var campaignStatuses = []string{"scheduled", "active", "paused", "ended", "cancelled"}

// documentedStatuses lists campaignStatuses in a sentence.
var documentedStatuses = strings.Join(campaignStatuses, ", ")

// campaignQueryArguments are the arguments of the campaign list, beyond
// every list's, that the API reads as query parameters.
var campaignQueryArguments = []queryArgument{
	{"campaign_status", "status", "Use one of the documented statuses: " + documentedStatuses + "."},
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
	diags.AddAttributeWarning(path.Root("status"), warningCampaignStatusNotDocumented,
		fmt.Sprintf("status = %q is not one of the statuses the API documents: %s (lower case). "+
			"The list was read anyway; the API matches the value as given, which usually matches no campaign, "+
			"so an empty list does not mean that the workspace has no campaigns.", status, documentedStatuses))
}

// The campaigns of sarvam_campaigns are written into state as tftypes
// values built here rather than by the framework's reflection over a slice
// of models, which took most of the provider's CPU and memory on a list of
// thousands (PERFORMANCE.md). Each item is mapped to its model, which puts
// its own values (state.go), the summary attributes as a campaign of
// sarvam_campaign puts them. campaignListValues must write exactly what
// reflection over campaignListItemModel would;
// TestCampaignListValuesMatchReflection holds it to that.

// campaignListValues is the campaigns attribute, of type listType, and the
// ids attribute for items. An error names the item and field, as in
// campaigns[3].created_at.
func campaignListValues(items []client.CampaignSummary, listType tftypes.List) (campaigns, ids tftypes.Value, err error) {
	itemType, ok := listType.ElementType.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, tftypes.Value{}, fmt.Errorf("campaigns is a list of %s, not of objects", listType.ElementType)
	}
	elems := make([]tftypes.Value, len(items))
	idElems := make([]tftypes.Value, len(items))
	for i := range items {
		attrs, err := campaignListItemValues(&items[i], itemType)
		if err != nil {
			return tftypes.Value{}, tftypes.Value{}, fmt.Errorf("campaigns[%d].%w", i, err)
		}
		elems[i] = tftypes.NewValue(itemType, attrs)
		idElems[i] = attrs["campaign_id"]
	}
	return tftypes.NewValue(listType, elems), tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, idElems), nil
}

// campaignListItemValues is one campaign of the list: its id and the
// summary attributes, written by setState's plan as for a campaign of
// sarvam_campaign. An error names the field.
func campaignListItemValues(s *client.CampaignSummary, itemType tftypes.Object) (map[string]tftypes.Value, error) {
	var m campaignListItemModel
	if err := m.fromAPI(s); err != nil {
		return nil, err
	}
	return attrsOf(context.Background(), itemType, &m)
}

// fromAPI maps one listed campaign to its model.
func (m *campaignListItemModel) fromAPI(s *client.CampaignSummary) error {
	m.CampaignID = types.StringPointerValue(s.CampaignID)
	return m.campaignSummaryModel.fromAPI(s)
}

// campaignListType is the state type of campaigns, from the attributes its
// schema has.
var campaignListType = tftypes.List{ElementType: objectType(campaignListItemAttributes()).TerraformType(context.Background())}

// byName finds the campaign by its name in the model's scope, among those
// sarvam_campaigns lists: it lists through this data source's model, so it
// is declared here, beside it.
func (m *campaignModel) byName(c *client.Client) (*types.String, string, nameFinder) {
	return &m.CampaignID, m.Name.ValueString(), campaignNaming.lookup(c, &campaignsModel{scopeModel: m.scopeModel}, m.where(), "the sarvam_campaigns data source")
}
