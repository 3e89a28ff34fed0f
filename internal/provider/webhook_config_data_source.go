package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

var _ datasource.DataSourceWithConfigValidators = (*webhookConfigDataSource)(nil)

type webhookConfigDataSource struct {
	dataSource[webhookConfigurationModel, *webhookConfigurationModel]
}

func newWebhookConfigDataSource() datasource.DataSource { return newWebhookConfigReader() }

// newWebhookConfigReader is the data source, for the ephemeral resource of
// the same name to read through.
func newWebhookConfigReader() *webhookConfigDataSource {
	return &webhookConfigDataSource{dataSource[webhookConfigurationModel, *webhookConfigurationModel]{name: "webhook_config"}}
}

func (d *webhookConfigDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("webhook_id"), path.MatchRoot("name")),
	}
}

func (d *webhookConfigDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	if m, ok := d.read(ctx, req.Config, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
	}
}

// read reads the webhook configuration config asks for, by id or by name.
// It is the whole read of the data source and of the ephemeral resource of
// the same name, which differ only in where the result goes.
func (d *webhookConfigDataSource) read(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (*webhookConfigurationModel, bool) {
	m, ok := d.begin(ctx, config, diags)
	if !ok {
		return nil, false
	}
	if m.WebhookID.IsNull() {
		id, ok := findByName(ctx, d.byName(m), m.Name.ValueString(), diags)
		if !ok {
			return nil, false
		}
		m.WebhookID = types.StringValue(id)
	}
	id := m.WebhookID.ValueString()
	t := target{kind: "webhook configuration", idAttr: "webhook_id", scope: m.scopeModel, asked: fmt.Sprintf("webhook configuration %q %s", id, m.in())}
	w, err := d.client().GetWebhookConfig(ctx, m.org(), m.workspace(), id)
	if err != nil {
		readError(diags, err, t)
		return nil, false
	}
	if err := m.fromAPI(w); err != nil {
		mappingError(diags, err, t)
		return nil, false
	}
	return m, true
}

// byName finds the webhook configuration by its name in the model's scope.
func (d *webhookConfigDataSource) byName(m *webhookConfigurationModel) nameLookup[client.WebhookConfiguration] {
	return nameLookup[client.WebhookConfiguration]{
		kind: "webhook configuration", kinds: "webhook configurations", idAttr: "webhook_id", in: m.in(),
		listDataSource: "the sarvam_webhook_configs data source",
		listed:         target{kind: "webhook configuration list", idAttr: "workspace_id", scope: m.scopeModel},
		list: func(ctx context.Context, q client.ListQuery) (*client.ListResult[client.WebhookConfiguration], error) {
			return d.client().ListWebhookConfigs(ctx, m.org(), m.workspace(), q)
		},
		name: func(w *client.WebhookConfiguration) *string { return w.Name },
		id:   func(w *client.WebhookConfiguration) *string { return w.WebhookID },
		note: func(w *client.WebhookConfiguration) string { return fmt.Sprintf("url %q", deref(w.URL)) },
	}
}
