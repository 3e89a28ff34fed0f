package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// Configure resolves the provider's settings and hands a configured client
// to the data sources and the ephemeral resources, which read alike. Each
// setting is resolved by a function of its own.
func (p *sarvamProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if data := p.configure(ctx, req, &resp.Diagnostics); data != nil {
		resp.DataSourceData = data
		resp.EphemeralResourceData = data
	}
}

// configure is Configure's work: what every read gets, or nil with the
// diagnostics that say why there is nothing to hand over.
func (p *sarvamProvider) configure(ctx context.Context, req provider.ConfigureRequest, diags *diag.Diagnostics) *providerData {
	var cfg providerModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() {
		return nil
	}
	if unknown := cfg.unknownAttrs(); len(unknown) > 0 {
		// Not an error yet: a plan that reads no Sarvam data source must
		// still work. Each read reports it, as it begins.
		return &providerData{unknown: unknown}
	}
	s := p.environ().resolve(cfg, diags)
	if diags.HasError() {
		return nil
	}
	if s.apiKey == "" {
		// Not an error yet: OpenTofu configures the provider even for a
		// configuration that only calls its functions, which need no key.
		// Each read reports it, as it begins.
		return &providerData{missingKey: true}
	}
	c, err := s.newClient(userAgent(p.version, req.TerraformVersion))
	if err != nil {
		diags.AddError(summaryClientNotBuilt, err.Error())
		return nil
	}
	tflog.Debug(ctx, "Configured the Sarvam API client", map[string]any{
		"base_url": s.baseURL, "max_retries": s.maxRetries, "request_timeout": s.timeout.String(),
	})
	return &providerData{client: c, apiKey: s.apiKey, orgID: s.orgID, workspaceID: s.workspaceID}
}

// unknownAttrs names the attributes whose values are not known yet at plan
// time.
func (cfg providerModel) unknownAttrs() []string {
	var names []string
	for _, setting := range []struct {
		name  string
		value interface{ IsUnknown() bool }
	}{
		{"api_key", cfg.APIKey}, {"base_url", cfg.BaseURL}, {"org_id", cfg.OrgID},
		{"workspace_id", cfg.WorkspaceID}, {"max_retries", cfg.MaxRetries}, {"request_timeout", cfg.RequestTimeout},
	} {
		if setting.value.IsUnknown() {
			names = append(names, setting.name)
		}
	}
	return names
}

// resolvedSettings are the provider's attributes resolved against the
// environment and the defaults.
type resolvedSettings struct {
	apiKey, baseURL, orgID, workspaceID string
	maxRetries                          int64
	timeout                             time.Duration
}

// environ is the provider's environment.
func (p *sarvamProvider) environ() envLookup {
	if p.getenv != nil {
		return p.getenv
	}
	return os.Getenv
}

// resolve resolves every setting, adding a diagnostic for each that is
// invalid, in the order of the schema.
func (env envLookup) resolve(cfg providerModel, diags *diag.Diagnostics) resolvedSettings {
	return resolvedSettings{
		apiKey:      env.resolveAPIKey(cfg.APIKey, diags),
		baseURL:     env.resolveBaseURL(cfg.BaseURL, diags),
		orgID:       env.resolveID(cfg.OrgID, "org_id", EnvOrgID, diags),
		workspaceID: env.resolveID(cfg.WorkspaceID, "workspace_id", EnvWorkspaceID, diags),
		maxRetries:  env.resolveMaxRetries(cfg.MaxRetries, diags),
		timeout:     env.resolveTimeout(cfg.RequestTimeout, diags),
	}
}

func (env envLookup) resolveAPIKey(config types.String, diags *diag.Diagnostics) string {
	// White space around a key (a file's trailing newline) is never part
	// of it, and an empty api_key, as a variable defaulting to "" gives,
	// counts as unset so that the environment applies.
	if strings.TrimSpace(config.ValueString()) == "" {
		config = types.StringNull()
	}
	apiKey := strings.TrimSpace(env.stringSetting(config, EnvAPIKey, ""))
	if apiKey == "" {
		return "" // reported by the reads that need it, see Configure
	}
	if err := client.CheckAPIKey(apiKey); err != nil {
		// Neither the message nor an attribute path, which would make
		// Terraform quote the configuration line, repeats the key.
		diags.AddError(summaryInvalidAPIKey, env.settingSource(config, EnvAPIKey)+"api_key: "+err.Error()+". No request was sent.")
	}
	return apiKey
}

func (env envLookup) resolveBaseURL(config types.String, diags *diag.Diagnostics) string {
	baseURL := env.stringSetting(config, EnvBaseURL, client.DefaultBaseURL)
	if _, err := client.ParseBaseURL(baseURL); err != nil {
		diags.AddAttributeError(path.Root("base_url"), summaryAbout(summaryInvalid, "base_url"), env.settingSource(config, EnvBaseURL)+err.Error()+".")
	}
	return baseURL
}

// resolveID resolves org_id or workspace_id; either may stay unset here and
// be set in each data source instead.
func (env envLookup) resolveID(config types.String, attr, name string, diags *diag.Diagnostics) string {
	id := env.stringSetting(config, name, "")
	if id == "" {
		return ""
	}
	if err := client.CheckID(attr, id); err != nil {
		diags.AddAttributeError(path.Root(attr), summaryAbout(summaryInvalid, attr), env.settingSource(config, name)+err.Error()+".")
	}
	return id
}

func (env envLookup) resolveMaxRetries(config types.Number, diags *diag.Diagnostics) int64 {
	if !config.IsNull() {
		// The validator has refused anything but a whole number in range.
		n, _ := wholeNumber(config, 0, maxRetriesLimit)
		return n
	}
	raw := env(EnvMaxRetries)
	if raw == "" {
		return client.DefaultMaxRetries
	}
	n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil || n < 0 || n > maxRetriesLimit {
		diags.AddAttributeError(path.Root("max_retries"), summaryAbout(summaryInvalid, EnvMaxRetries),
			fmt.Sprintf("The %s environment variable must be a whole number from 0 to %d, got %q.", EnvMaxRetries, maxRetriesLimit, raw))
	}
	return n
}

func (env envLookup) resolveTimeout(config types.String, diags *diag.Diagnostics) time.Duration {
	raw := env.stringSetting(config, EnvRequestTimeout, "")
	if raw == "" {
		return client.DefaultRequestTimeout
	}
	d, err := parseTimeout(raw)
	if err != nil {
		diags.AddAttributeError(path.Root("request_timeout"), summaryAbout(summaryInvalid, "request_timeout"), env.settingSource(config, EnvRequestTimeout)+err.Error()+".")
	}
	return d
}

func userAgent(version, terraformVersion string) string {
	ua := "terraform-provider-sarvam/" + version
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}

func (s resolvedSettings) newClient(userAgent string) (*client.Client, error) {
	return client.New(client.Config{
		BaseURL:        s.baseURL,
		APIKey:         s.apiKey,
		MaxRetries:     int(s.maxRetries),
		RequestTimeout: s.timeout,
		UserAgent:      userAgent,
		Logger:         tflogLogger{secret: s.apiKey},
	})
}

// stringSetting applies the precedence: configuration, then environment, then default.
func (env envLookup) stringSetting(config types.String, name, def string) string {
	if !config.IsNull() {
		return config.ValueString()
	}
	if v := env(name); v != "" {
		return v
	}
	return def
}

// settingSource says where a bad value came from, so the user knows what to fix.
func (env envLookup) settingSource(config types.String, name string) string {
	if config.IsNull() && env(name) != "" {
		return "From the " + name + " environment variable: "
	}
	return ""
}
