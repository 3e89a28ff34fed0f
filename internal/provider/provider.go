// Package provider is the Terraform provider: its configuration, data
// sources, models and the mapping from API types to Terraform values.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/sarvamai/sarvam"

// Environment variables read when the matching attribute is not set.
const (
	EnvAPIKey         = "SARVAM_API_KEY"
	EnvBaseURL        = "SARVAM_BASE_URL"
	EnvOrgID          = "SARVAM_ORG_ID"
	EnvWorkspaceID    = "SARVAM_WORKSPACE_ID"
	EnvMaxRetries     = "SARVAM_MAX_RETRIES"
	EnvRequestTimeout = "SARVAM_REQUEST_TIMEOUT"
)

// providerTypeName begins the type name of every data source.
const providerTypeName = "sarvam"

// maxRetriesLimit bounds max_retries: past it a plan waits minutes on a dead API.
const maxRetriesLimit = 10

var (
	_ provider.Provider              = (*sarvamProvider)(nil)
	_ provider.ProviderWithFunctions = (*sarvamProvider)(nil)
)

type sarvamProvider struct {
	version string
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

// providerData is what Configure hands to every data source.
type providerData struct {
	client *client.Client
	// apiKey is kept only to mask it out of panic messages.
	apiKey      string
	orgID       string
	workspaceID string
	// unknown names the provider attributes that were unknown at plan time;
	// a read cannot go ahead without them.
	unknown []string
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

func (p *sarvamProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	data := &providerData{}
	for _, setting := range []struct {
		name  string
		value interface{ IsUnknown() bool }
	}{
		{"api_key", cfg.APIKey}, {"base_url", cfg.BaseURL}, {"org_id", cfg.OrgID},
		{"workspace_id", cfg.WorkspaceID}, {"max_retries", cfg.MaxRetries}, {"request_timeout", cfg.RequestTimeout},
	} {
		if setting.value.IsUnknown() {
			data.unknown = append(data.unknown, setting.name)
		}
	}
	if len(data.unknown) > 0 {
		// Not an error yet: a plan that reads no Sarvam data source must
		// still work. Each read reports it (dataSource.begin).
		resp.DataSourceData = data
		return
	}

	// White space around a key (a file's trailing newline) is never part
	// of it, and an empty api_key, as a variable defaulting to "" gives,
	// counts as unset so that the environment applies.
	keyConfig := cfg.APIKey
	if strings.TrimSpace(keyConfig.ValueString()) == "" {
		keyConfig = types.StringNull()
	}
	apiKey := strings.TrimSpace(stringSetting(keyConfig, EnvAPIKey, ""))
	if err := client.CheckAPIKey(apiKey); apiKey != "" && err != nil {
		// Neither the message nor an attribute path, which would make
		// Terraform quote the configuration line, repeats the key.
		resp.Diagnostics.AddError("Invalid Sarvam API key", settingSource(keyConfig, EnvAPIKey)+"api_key: "+err.Error()+". No request was sent.")
	}
	if apiKey == "" {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing Sarvam API key",
			fmt.Sprintf("The provider needs an API key. Set the api_key attribute in the provider block, or the %s environment variable; an empty api_key counts as unset. "+
				"Keys are created in the Sarvam dashboard under Settings → API Key, and each belongs to one workspace.", EnvAPIKey))
	}
	baseURL := stringSetting(cfg.BaseURL, EnvBaseURL, client.DefaultBaseURL)
	if _, err := client.ParseBaseURL(baseURL); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid base_url", settingSource(cfg.BaseURL, EnvBaseURL)+err.Error()+".")
	}
	data.orgID = stringSetting(cfg.OrgID, EnvOrgID, "")
	data.workspaceID = stringSetting(cfg.WorkspaceID, EnvWorkspaceID, "")
	for _, id := range []struct {
		attr, env, value string
		config           types.String
	}{
		{"org_id", EnvOrgID, data.orgID, cfg.OrgID},
		{"workspace_id", EnvWorkspaceID, data.workspaceID, cfg.WorkspaceID},
	} {
		if id.value != "" {
			if err := client.CheckID(id.attr, id.value); err != nil {
				resp.Diagnostics.AddAttributeError(path.Root(id.attr), "Invalid "+id.attr, settingSource(id.config, id.env)+err.Error()+".")
			}
		}
	}

	maxRetries := int64(client.DefaultMaxRetries)
	switch {
	case !cfg.MaxRetries.IsNull():
		// The validator has refused anything but a whole number in range.
		maxRetries, _ = wholeNumber(cfg.MaxRetries, 0, maxRetriesLimit)
	case os.Getenv(EnvMaxRetries) != "":
		n, err := strconv.ParseInt(strings.TrimSpace(os.Getenv(EnvMaxRetries)), 10, 64)
		if err != nil || n < 0 || n > maxRetriesLimit {
			resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Invalid "+EnvMaxRetries,
				fmt.Sprintf("The %s environment variable must be a whole number from 0 to %d, got %q.", EnvMaxRetries, maxRetriesLimit, os.Getenv(EnvMaxRetries)))
		}
		maxRetries = n
	}

	timeout := client.DefaultRequestTimeout
	if raw := stringSetting(cfg.RequestTimeout, EnvRequestTimeout, ""); raw != "" {
		d, err := parseTimeout(raw)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", settingSource(cfg.RequestTimeout, EnvRequestTimeout)+err.Error()+".")
		}
		timeout = d
	}
	if resp.Diagnostics.HasError() {
		return
	}

	ua := "terraform-provider-sarvam/" + p.version
	if req.TerraformVersion != "" {
		ua += " Terraform/" + req.TerraformVersion
	}
	c, err := client.New(client.Config{
		BaseURL:        baseURL,
		APIKey:         apiKey,
		MaxRetries:     int(maxRetries),
		RequestTimeout: timeout,
		UserAgent:      ua,
		Logger:         tflogLogger{secret: apiKey},
	})
	if err != nil {
		resp.Diagnostics.AddError("Could not configure the Sarvam API client", err.Error())
		return
	}
	data.client = c
	data.apiKey = apiKey
	tflog.Debug(ctx, "Configured the Sarvam API client", map[string]any{
		"base_url": baseURL, "max_retries": maxRetries, "request_timeout": timeout.String(),
	})
	resp.DataSourceData = data
}

func (p *sarvamProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *sarvamProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newCampaignDataSource,
		newCampaignsDataSource,
		newCampaignCohortDataSource,
		newCampaignCohortsDataSource,
		newWebhookConfigDataSource,
	}
}

func (p *sarvamProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newCallingWindowOpenFunction, newNextCallingWindowFunction}
}

// stringSetting applies the precedence: configuration, then environment, then default.
func stringSetting(config types.String, env, def string) string {
	if !config.IsNull() {
		return config.ValueString()
	}
	if v := os.Getenv(env); v != "" {
		return v
	}
	return def
}

// settingSource says where a bad value came from, so the user knows what to fix.
func settingSource(config types.String, env string) string {
	if config.IsNull() && os.Getenv(env) != "" {
		return "From the " + env + " environment variable: "
	}
	return ""
}

func parseTimeout(raw string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(raw))
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration; use a number with a unit, such as \"30s\" or \"2m\"", raw)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be greater than zero", raw)
	}
	return d, nil
}

// tflogLogger sends the client's HTTP logs to tflog. It masks the key in
// every message and field, on top of the transport's header redaction, so
// that no path through the logger can print it.
type tflogLogger struct{ secret string }

func (l tflogLogger) mask(ctx context.Context) context.Context {
	if l.secret == "" {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, l.secret)
	return tflog.MaskMessageStrings(ctx, l.secret)
}

func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

func (l tflogLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(l.mask(ctx), msg, fields)
}
