package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/sarvamai/sarvam"

// maxRetriesLimit bounds max_retries: past it a plan waits minutes on a dead API.
const maxRetriesLimit = 10

var (
	_ provider.Provider              = (*sarvamProvider)(nil)
	_ provider.ProviderWithFunctions = (*sarvamProvider)(nil)

	_ provider.ProviderWithEphemeralResources = (*sarvamProvider)(nil)
)

type sarvamProvider struct {
	version string
	// getenv, when set, stands for os.Getenv (see environment).
	getenv envLookup
}

// New returns a constructor for the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &sarvamProvider{version: version} }
}

type providerModel struct {
	APIKey         types.String `tfsdk:"api_key"`
	BaseURL        types.String `tfsdk:"base_url"`
	OrgID          types.String `tfsdk:"org_id"`
	WorkspaceID    types.String `tfsdk:"workspace_id"`
	MaxRetries     types.Number `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

func (p *sarvamProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = providerTypeName
	resp.Version = p.version
}

func (p *sarvamProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads outbound voice-agent calling campaigns from the Sarvam AI scheduling API. " +
			"Every attribute may instead come from its environment variable; a value set in the configuration wins over the environment.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "Sarvam API key, sent in the `X-API-Key` header. Create one in the Sarvam dashboard under **Settings → API Key**; a key belongs to one workspace. " +
					"May be set with `" + EnvAPIKey + "` instead, which keeps it out of the configuration. Required, from one or the other. " +
					"White space around the key (such as the trailing newline of `file(\"key.txt\")`) is removed; an empty value counts as unset, so `" + EnvAPIKey + "` then applies.",
				Optional:  true,
				Sensitive: true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the scheduling API. May be set with `" + EnvBaseURL + "`. Defaults to `" + client.DefaultBaseURL + "`. " +
					"Must be `https://`; plain `http://` is accepted only for a loopback host (`127.0.0.0/8`, `::1`, `localhost`), so the key never crosses a network in clear text. No user name, password, query or fragment.",
				Optional:   true,
				Validators: []validator.String{baseURLValidator{}},
			},
			"org_id": schema.StringAttribute{
				MarkdownDescription: "Default organisation ID for every data source. May be set with `" + EnvOrgID + "`.",
				Optional:            true,
				Validators:          []validator.String{idValidator{}},
			},
			"workspace_id": schema.StringAttribute{
				MarkdownDescription: "Default workspace ID for every data source. May be set with `" + EnvWorkspaceID + "`.",
				Optional:            true,
				Validators:          []validator.String{idValidator{}},
			},
			"max_retries": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after HTTP 429, a 5xx other than 501, a timeout or a lost connection, so up to `max_retries + 1` attempts. May be set with `%s`. Defaults to `%d`; `0` to `%d`. "+
					"Waits double from %.0f second to %.0f seconds, with jitter; a `Retry-After` from the API is honoured up to %.0f seconds.",
					EnvMaxRetries, client.DefaultMaxRetries, maxRetriesLimit, client.DefaultBackoff.Seconds(), client.DefaultMaxBackoff.Seconds(), client.DefaultMaxRetryWait.Seconds()),
				Optional:   true,
				Validators: []validator.Number{wholeNumberValidator{min: 0, max: maxRetriesLimit}},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Time limit for each attempt, response body included, as a Go duration such as `\"30s\"` or `\"1m30s\"`. May be set with `%s`. Defaults to `\"%s\"`.", EnvRequestTimeout, client.DefaultRequestTimeout),
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
		},
	}
}

func (p *sarvamProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *sarvamProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newCampaignDataSource,
		newCampaignsDataSource,
		newCampaignCohortDataSource,
		newCampaignCohortsDataSource,
		newWebhookConfigDataSource,
		newWebhookConfigsDataSource,
	}
}

// EphemeralResources read what must not be stored; each shares the read of
// the data source of its name.
func (p *sarvamProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{newWebhookConfigEphemeralResource}
}

func (p *sarvamProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newCallingWindowOpenFunction, newNextCallingWindowFunction}
}

// Registration is one data source, ephemeral resource or function a
// provider serves, as its documentation lists it: Name as a configuration
// writes it (sarvam_campaign, provider::sarvam::calling_window_open), Short
// without the provider's prefix, Description its one-line summary, and
// Diagnostics what reading its schema or definition reported.
type Registration struct {
	Name, Short, Description string
	Diagnostics              diag.Diagnostics
}

// Registrations is what p serves: its data sources, its ephemeral resources
// (once p implements provider.ProviderWithEphemeralResources) and its
// functions, each in p's order. make generate writes the README's tables
// and the index page's lists from them.
func Registrations(ctx context.Context, p provider.Provider) (dataSources, ephemeralResources, functions []Registration) {
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	prefix := meta.TypeName + "_"
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var md datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		dataSources = append(dataSources, Registration{md.TypeName, strings.TrimPrefix(md.TypeName, prefix), s.Schema.Description, s.Diagnostics})
	}
	if pe, ok := p.(provider.ProviderWithEphemeralResources); ok {
		for _, newEphemeral := range pe.EphemeralResources(ctx) {
			e := newEphemeral()
			var md ephemeral.MetadataResponse
			e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
			var s ephemeral.SchemaResponse
			e.Schema(ctx, ephemeral.SchemaRequest{}, &s)
			ephemeralResources = append(ephemeralResources, Registration{md.TypeName, strings.TrimPrefix(md.TypeName, prefix), s.Schema.Description, s.Diagnostics})
		}
	}
	if pf, ok := p.(provider.ProviderWithFunctions); ok {
		for _, newFunction := range pf.Functions(ctx) {
			f := newFunction()
			var md function.MetadataResponse
			f.Metadata(ctx, function.MetadataRequest{}, &md)
			var d function.DefinitionResponse
			f.Definition(ctx, function.DefinitionRequest{}, &d)
			functions = append(functions, Registration{"provider::" + meta.TypeName + "::" + md.Name, md.Name, d.Definition.Description, d.Diagnostics})
		}
	}
	return dataSources, ephemeralResources, functions
}
