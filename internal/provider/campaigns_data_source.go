package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ datasource.DataSourceWithConfigure = (*campaignsDataSource)(nil)

type campaignsDataSource struct {
	dataSource[campaignsModel, *campaignsModel]
}

func newCampaignsDataSource() datasource.DataSource {
	return &campaignsDataSource{dataSource[campaignsModel, *campaignsModel]{name: "campaigns"}}
}

func (d *campaignsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	q := m.query()
	q.Status = m.Status.ValueString()
	warnUndocumentedStatus(&resp.Diagnostics, q.Status)
	t := target{kind: "campaign list", item: "campaign", idAttr: "workspace_id", scope: m.scopeModel, asked: "the campaign list " + m.in()}
	list, err := d.client().ListCampaigns(ctx, m.org(), m.workspace(), q)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	m.record(q, list.Total)
	listType, err := listAttributeType(ctx, resp.State, "campaigns")
	if err != nil {
		stateError(&resp.Diagnostics, err, t)
		return
	}
	campaigns, ids, err := campaignListValues(list.Items, listType)
	if err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	// The arguments and total go through the framework; the two lists,
	// thousands of values, are written directly.
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := setAttributes(&resp.State, map[string]tftypes.Value{"campaigns": campaigns, "ids": ids}); err != nil {
		stateError(&resp.Diagnostics, err, t)
	}
}

// warnUndocumentedStatus warns of a status the API does not document, such
// as "running" or "Active": the API filters by it as given, so the list is
// usually empty, which would otherwise read as "no campaigns". The read
// still goes ahead, as the API may add statuses.
func warnUndocumentedStatus(diags *diag.Diagnostics, status string) {
	if status == "" || slices.Contains(campaignStatuses, status) {
		return
	}
	diags.AddAttributeWarning(path.Root("status"), "Campaign status not documented",
		fmt.Sprintf("status = %q is not one of the statuses the API documents: %s (lower case). "+
			"The list was read anyway; the API matches the value as given, which usually matches no campaign, "+
			"so an empty list does not mean that the workspace has no campaigns.", status, documentedStatuses))
}
