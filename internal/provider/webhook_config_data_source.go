package provider

import (
	"context"
	"fmt"

	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// sarvam_webhook_config reads one webhook configuration (Get Webhook
// Config), by id or by name; the ephemeral resource of the same name reads
// through it.

// webhookConfigReader is the data source, for the ephemeral resource of the
// same name to read through.
type webhookConfigReader = singleDataSource[webhookConfigurationModel, *webhookConfigurationModel, client.WebhookConfiguration]

var _ datasource.DataSourceWithConfigValidators = (*webhookConfigReader)(nil)

func newWebhookConfigDataSource() datasource.DataSource { return newWebhookConfigReader() }

func newWebhookConfigReader() *webhookConfigReader {
	return newSingleDataSource[webhookConfigurationModel, *webhookConfigurationModel, client.WebhookConfiguration]("webhook_config", webhookConfigSchemaOnce(), idOrName("webhook_id"))
}

// about names the webhook configuration a read asks for, by its id.
func (m *webhookConfigurationModel) about() target {
	return target{kind: "webhook configuration", idAttr: "webhook_id", scope: m.scopeModel, asked: fmt.Sprintf("webhook configuration %q %s", m.WebhookID.ValueString(), m.where())}
}

// get reads the webhook configuration (Get Webhook Config).
func (m *webhookConfigurationModel) get(ctx context.Context, c *client.Client) (*client.WebhookConfiguration, error) {
	return c.GetWebhookConfig(ctx, m.org(), m.workspace(), m.WebhookID.ValueString())
}

// webhookConfigNaming is how a listed webhook configuration is named.
var webhookConfigNaming = naming[client.WebhookConfiguration]{kind: "webhook configuration", kinds: "webhook configurations", idAttr: "webhook_id",
	name: func(w *client.WebhookConfiguration) *string { return w.Name }, id: func(w *client.WebhookConfiguration) *string { return w.WebhookID },
	note: func(w *client.WebhookConfiguration) string { return fmt.Sprintf("url %q", deref(w.URL)) }}

// webhookConfigSchemaOnce is the schema, built once: the framework makes a
// new data source for every call it serves, and building the schema each
// time was a share of a read's CPU (PERFORMANCE.md).
var webhookConfigSchemaOnce = sync.OnceValue(webhookConfigSchema)

func webhookConfigSchema() schema.Schema {
	s := webhookConfigNaming.schema("Reads one webhook configuration of a workspace (Get Webhook Config), by id or by name: where call-completion events are posted, and with which headers. "+
		"The signing secret is returned by the API only when the configuration is created, so it is not available here; "+
		"should a response ever carry one, it is not exposed.",
		"ID of the webhook configuration to read. Set exactly one of `webhook_id` and `name`.", "of the workspace", "the webhook configuration belongs to", webhookConfigAttributes())
	s.Description = "one webhook configuration, by `webhook_id` or exact `name`; its `custom_headers` are sensitive"
	return s
}

// A webhook configuration is read alone by sarvam_webhook_config and listed
// by sarvam_webhook_configs; both use the attributes, model and mapping of
// one configuration here.

type webhookConfigurationModel struct {
	scopeModel
	webhookModel
}

type webhookModel struct {
	WebhookID     types.String      `tfsdk:"webhook_id"`
	Name          types.String      `tfsdk:"name"`
	URL           types.String      `tfsdk:"url"`
	CustomHeaders types.Map         `tfsdk:"custom_headers"`
	CreatedBy     types.String      `tfsdk:"created_by"`
	CreatedAt     timetypes.RFC3339 `tfsdk:"created_at"`
	UpdatedAt     timetypes.RFC3339 `tfsdk:"updated_at"`
	UpdatedBy     types.String      `tfsdk:"updated_by"`
}

// webhookConfigAttributes are the attributes of one webhook configuration.
func webhookConfigAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"webhook_id": computedString("ID of the webhook configuration."),
		"name":       computedString("Name of the webhook configuration."),
		"url":        computedString("URL the events are posted to."),
		"custom_headers": schema.MapAttribute{
			Computed:    true,
			Sensitive:   true,
			ElementType: types.StringType,
			MarkdownDescription: "Headers sent with every event, by name; up to 10. Sensitive, since they usually carry the receiving endpoint's credentials: " +
				"plans show `(sensitive value)`, and `nonsensitive()` reveals one where that is safe. Null when the API returns none.",
		},
		"created_by": computedString("User who created the webhook configuration."),
		"created_at": computedTimestamp("When the webhook configuration was created."),
		"updated_at": computedTimestamp("When the webhook configuration was last updated."),
		"updated_by": computedString("User who last updated the webhook configuration. Null when the API returns none."),
	}
}

func (m *webhookModel) fromAPI(w *client.WebhookConfiguration) error {
	m.WebhookID = types.StringPointerValue(w.WebhookID)
	m.Name = types.StringPointerValue(w.Name)
	m.URL = types.StringPointerValue(w.URL)
	m.CreatedBy = types.StringPointerValue(w.CreatedBy)
	m.UpdatedBy = types.StringPointerValue(w.UpdatedBy)
	m.CustomHeaders = types.MapNull(types.StringType)
	if w.CustomHeaders != nil {
		headers := make(map[string]attr.Value, len(w.CustomHeaders))
		for k, v := range w.CustomHeaders {
			headers[k] = types.StringPointerValue(v)
		}
		m.CustomHeaders = types.MapValueMust(types.StringType, headers)
	}
	var err error
	m.CreatedAt, m.UpdatedAt, err = createdUpdated(w.CreatedAt, w.UpdatedAt)
	return err
}
