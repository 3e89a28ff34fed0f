package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

var _ datasource.DataSourceWithConfigure = (*webhookConfigDataSource)(nil)

type webhookConfigDataSource struct {
	dataSource[webhookConfigurationModel, *webhookConfigurationModel]
}

func newWebhookConfigDataSource() datasource.DataSource {
	return &webhookConfigDataSource{dataSource[webhookConfigurationModel, *webhookConfigurationModel]{name: "webhook_config"}}
}

func (d *webhookConfigDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	id := m.WebhookID.ValueString()
	t := target{kind: "webhook configuration", idAttr: "webhook_id", scope: m.scopeModel, asked: fmt.Sprintf("webhook configuration %q %s", id, m.in())}
	w, err := d.client().GetWebhookConfig(ctx, m.org(), m.workspace(), id)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	if err := m.fromAPI(w); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
