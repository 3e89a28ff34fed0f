package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*webhookConfigsDataSource)(nil)

type webhookConfigsDataSource struct {
	dataSource[webhookConfigsModel, *webhookConfigsModel]
}

func newWebhookConfigsDataSource() datasource.DataSource {
	return &webhookConfigsDataSource{dataSource[webhookConfigsModel, *webhookConfigsModel]{name: "webhook_configs"}}
}

func (d *webhookConfigsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	q := m.query()
	t := target{kind: "webhook configuration list", item: "webhook configuration", idAttr: "workspace_id", scope: m.scopeModel, asked: "the webhook configuration list " + m.in()}
	list, err := d.client().ListWebhookConfigs(ctx, m.org(), m.workspace(), q)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	m.record(q, list.Total)
	if m.WebhookConfigs, m.IDs, err = mapItems("webhook_configs", list.Items, func(i *webhookModel) types.String { return i.WebhookID }); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
