package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
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
	t := target{kind: "campaign list", idAttr: "workspace_id", asked: "the campaign list " + m.in()}
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
