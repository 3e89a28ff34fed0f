package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
)

// The ephemeral sarvam_webhook_config is the data source of the same name
// behind another front door: the same schema, validators, read, lookup by
// name, diagnostics and mapping, with the result handed to Terraform for
// one run instead of written to state.

var (
	_ ephemeral.EphemeralResourceWithConfigure        = (*webhookConfigEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigValidators = (*webhookConfigEphemeralResource)(nil)
)

type webhookConfigEphemeralResource struct {
	// ds is the data source whose schema, validators and read this shares.
	ds *webhookConfigReader
}

func newWebhookConfigEphemeralResource() ephemeral.EphemeralResource {
	return &webhookConfigEphemeralResource{ds: newWebhookConfigReader()}
}

func (e *webhookConfigEphemeralResource) Metadata(_ context.Context, _ ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = e.ds.typeName()
}

func (e *webhookConfigEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.ds.configure(req.ProviderData, &resp.Diagnostics)
}

func (e *webhookConfigEphemeralResource) Schema(ctx context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	var ds datasource.SchemaResponse
	e.ds.Schema(ctx, datasource.SchemaRequest{}, &ds)
	resp.Schema = schema.Schema{
		Description: "the same webhook configuration as the data source, by `webhook_id` or exact `name`, without storing it, " +
			"so that its `custom_headers` can reach another provider's configuration, a write-only argument or a local value and never state",
		MarkdownDescription: "Reads one webhook configuration of a workspace (Get Webhook Config), by id or by name, exactly as the `sarvam_webhook_config` data source does, " +
			"but keeps it out of every file Terraform writes: its values exist only while a plan or an apply runs (the API is read in each), and are never stored in the state or in a saved plan. " +
			"Use it where the `custom_headers`, which usually carry the receiving endpoint's credentials, must reach something without being stored: " +
			"another provider's configuration, a write-only argument, a `locals` value, or an ephemeral output of a child module. " +
			"Needs Terraform 1.10 or later, or OpenTofu 1.11 or later; on earlier releases, and for the fields you want in state, use the data source.",
		Attributes: ephemeralAttributes(ds.Schema.Attributes),
	}
}

// ConfigValidators are the data source's: each validator of
// terraform-plugin-framework-validators checks any kind of configuration.
func (e *webhookConfigEphemeralResource) ConfigValidators(ctx context.Context) []ephemeral.ConfigValidator {
	var out []ephemeral.ConfigValidator
	for _, v := range e.ds.ConfigValidators(ctx) {
		ev, ok := v.(ephemeral.ConfigValidator)
		if !ok {
			panic(fmt.Sprintf("the validator %T of %s cannot check an ephemeral resource", v, e.ds.typeName()))
		}
		out = append(out, ev)
	}
	return out
}

func (e *webhookConfigEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	defer e.ds.recoverPanic(ctx, &resp.Diagnostics)
	if m, ok := e.ds.read(ctx, req.Config, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.Result.Set(ctx, m)...)
	}
}

// ephemeralAttributes are a data source's attributes as an ephemeral
// resource's: the two packages declare the same fields for each kind of
// attribute, so each converts as it is, flags, descriptions and validators
// included. Only the kinds the ephemeral resources use are converted; the
// schema tests fail on any other.
func ephemeralAttributes(attrs map[string]dsschema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(attrs))
	for name, a := range attrs {
		switch a := a.(type) {
		case dsschema.StringAttribute:
			out[name] = schema.StringAttribute(a)
		case dsschema.MapAttribute:
			out[name] = schema.MapAttribute(a)
		default:
			panic(fmt.Sprintf("attribute %s: %T has no ephemeral counterpart here", name, a))
		}
	}
	return out
}
