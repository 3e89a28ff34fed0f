package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

func newWebhookConfigsDataSource() datasource.DataSource {
	return newListDataSource[webhookConfigsModel, *webhookConfigsModel, client.WebhookConfiguration]("webhook_configs", schema.Schema{
		Description: "the webhook configurations of a workspace, optionally matching a name, every page",
		MarkdownDescription: "Lists the webhook configurations of a workspace (List Webhook Configurations), optionally only those matching a name, reading every page. " +
			"Each configuration holds the same attributes as `sarvam_webhook_config`, `custom_headers` sensitive here too. " +
			"The API documents at most 5 configurations per workspace; a longer list is read in full all the same. No match is empty lists, not an error.",
		Attributes: withScope("the webhook configurations belong to", withListArguments("webhook configurations", map[string]schema.Attribute{
			"webhook_configs": computedObjectList("The webhook configurations, in the order of `sort_by` and `sort_order`. A list that changed while it was read (a configuration listed twice, or `total` changed) is read once more, and is an error if it changes again.",
				webhookConfigAttributes()),
			"ids": computedStringList("The `webhook_id` of each of `webhook_configs`, in the same order."),
		})),
	})
}

// webhookConfigsModel is the data source's state; a lookup of a webhook
// configuration by name lists through it too.
type webhookConfigsModel struct {
	scopeModel
	listModel
	WebhookConfigs []webhookModel `tfsdk:"webhook_configs"`
	IDs            []types.String `tfsdk:"ids"`
}

func (m *webhookConfigsModel) about() target {
	return target{kind: "webhook configuration list", item: "webhook configuration", idAttr: "workspace_id", scope: m.scopeModel, asked: "the webhook configuration list " + m.where()}
}

func (m *webhookConfigsModel) fetch(ctx context.Context, c *client.Client, q client.ListQuery) (*client.ListResult[client.WebhookConfiguration], error) {
	return c.ListWebhookConfigs(ctx, m.org(), m.workspace(), q)
}

func (m *webhookConfigsModel) fill(items []client.WebhookConfiguration) (err error) {
	m.WebhookConfigs, m.IDs, err = mapItems("webhook_configs", items, func(i *webhookModel) types.String { return i.WebhookID })
	return err
}

// byName finds the webhook configuration by its name in the model's scope,
// among those sarvam_webhook_configs lists: it lists through this data
// source's model, so it is declared here, beside it.
func (m *webhookConfigurationModel) byName(c *client.Client) (*types.String, string, nameFinder) {
	return &m.WebhookID, m.Name.ValueString(), webhookConfigNaming.lookup(c, &webhookConfigsModel{scopeModel: m.scopeModel}, m.where(), "the sarvam_webhook_configs data source")
}
