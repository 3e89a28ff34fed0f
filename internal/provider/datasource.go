package provider

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// dataSource is the plumbing every data source shares: it is embedded, and
// implements Metadata and Configure. M is the data source's model and P its
// pointer type, which the compiler checks has the scope (M embeds
// scopeModel). A data source adds Schema and Read; its Read calls begin,
// then the client, then its model's fromAPI, then sets state.
type dataSource[M any, P scoped[M]] struct {
	// name follows the provider's type name and "_" in the data source's.
	name string
	data *providerData
}

// scoped is a pointer to a model that holds the scope of a read.
type scoped[M any] interface {
	*M
	scope() *scopeModel
}

func (d *dataSource[M, P]) typeName() string { return providerTypeName + "_" + d.name }

func (d *dataSource[M, P]) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.typeName()
}

func (d *dataSource[M, P]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", req.ProviderData))
		return
	}
	d.data = data
}

// scopeModel is embedded in every data source's model: the org and
// workspace a read happens in, set to the ones used after the read.
type scopeModel struct {
	OrgID       types.String `tfsdk:"org_id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
}

func (s *scopeModel) scope() *scopeModel { return s }

func (s scopeModel) org() string       { return s.OrgID.ValueString() }
func (s scopeModel) workspace() string { return s.WorkspaceID.ValueString() }

// in names the scope in a diagnostic.
func (s scopeModel) in() string {
	return fmt.Sprintf("in workspace %q of org %q", s.workspace(), s.org())
}

// begin reads the configuration into a new model, checks that the provider
// can serve a read, and resolves the scope in the model. When it returns
// false it has added the diagnostics that say why.
func (d *dataSource[M, P]) begin(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (*M, bool) {
	m := new(M)
	diags.Append(config.Get(ctx, m)...)
	if diags.HasError() {
		return nil, false
	}
	if d.data == nil {
		diags.AddError("Provider not configured", fmt.Sprintf("The sarvam provider was not configured before reading %s. This is a bug in the provider; please report it.", d.typeName()))
		return nil, false
	}
	if len(d.data.unknown) > 0 {
		diags.AddError("Provider configuration not known yet",
			fmt.Sprintf("The sarvam provider settings %s depend on values that are only known after apply, so %s cannot be read during this plan. "+
				"Set them from known values or environment variables (SARVAM_*), or apply the resources they depend on first (terraform apply -target=...).",
				strings.Join(d.data.unknown, ", "), d.typeName()))
		return nil, false
	}
	scope := P(m).scope()
	scope.OrgID = d.resolveScope(diags, scope.OrgID, d.data.orgID, "org_id", EnvOrgID)
	scope.WorkspaceID = d.resolveScope(diags, scope.WorkspaceID, d.data.workspaceID, "workspace_id", EnvWorkspaceID)
	return m, !diags.HasError()
}

// resolveScope picks the data source's value, else the provider's.
func (d *dataSource[M, P]) resolveScope(diags *diag.Diagnostics, own types.String, fromProvider, attr, env string) types.String {
	if !own.IsNull() && own.ValueString() != "" {
		return own
	}
	if fromProvider != "" {
		return types.StringValue(fromProvider)
	}
	diags.AddAttributeError(path.Root(attr), "No "+attr+" for "+d.typeName(),
		fmt.Sprintf("The %[1]s to read in is not set. Set %[1]s in the data source, or %[1]s in the provider block, or the %[2]s environment variable.", attr, env))
	return own
}

func (d *dataSource[M, P]) client() *client.Client { return d.data.client }

// target names what a read asked for, so that every diagnostic says it.
type target struct {
	// kind is the kind of object, such as "campaign"; for a 404 it is the
	// object the API did not find.
	kind string
	// idAttr is the argument that names it, which a 404 points at.
	idAttr string
	// asked describes the request with every id, such as
	// `campaign "X" in workspace "W" of org "O"`.
	asked string
}

// readError turns a client error into a diagnostic that says what was
// asked, what came back and what to do. Client errors never hold the key.
func readError(diags *diag.Diagnostics, err error, t target) {
	var (
		apiErr  *client.APIError
		decErr  *client.DecodeError
		tErr    *client.TransportError
		pageErr *client.PaginationError
		reqErr  *client.RequestError
	)
	switch {
	case client.IsNotFound(err):
		summary := strings.ToUpper(t.kind[:1]) + t.kind[1:] + " not found"
		detail := fmt.Sprintf("The Sarvam API has no %s (%v). Check the %s, and that org_id and workspace_id name the workspace it belongs to. "+
			"If every read fails this way, base_url may point at the wrong path: it should end before /v1, as in %s.", t.asked, err, t.idAttr, client.DefaultBaseURL)
		if t.idAttr == "" {
			diags.AddError(summary, detail)
		} else {
			diags.AddAttributeError(path.Root(t.idAttr), summary, detail)
		}
	case client.IsUnauthorized(err):
		diags.AddError("Sarvam API key rejected",
			fmt.Sprintf("Reading %s: %v. The API key was not accepted or has no access to this workspace; a key belongs to one workspace. "+
				"Set a valid key with the provider's api_key attribute or the %s environment variable.", t.asked, err, EnvAPIKey))
	case errors.As(err, &apiErr):
		diags.AddError("Sarvam API error", fmt.Sprintf("Reading %s: %v. %s", t.asked, err, advice(apiErr)))
	case errors.As(err, &pageErr):
		diags.AddError("Sarvam API listing did not page correctly",
			fmt.Sprintf("Reading %s: %v. Nothing was stored. If this persists, report it to Sarvam with the message above.", t.asked, err))
	case errors.As(err, &decErr):
		diags.AddError("Unexpected response from the Sarvam API",
			fmt.Sprintf("Reading %s: %v. The response is not the object the API reference describes; check that base_url points at the scheduling API.", t.asked, err))
	case errors.As(err, &reqErr):
		diags.AddError("Could not send the request to the Sarvam API",
			fmt.Sprintf("Reading %s: %v. Nothing reached the network and the request was not retried; check the provider's settings.", t.asked, err))
	case errors.As(err, &tErr):
		diags.AddError("Could not reach the Sarvam API",
			fmt.Sprintf("Reading %s: %v. Check the network, any HTTPS_PROXY setting and base_url; raise request_timeout or max_retries if the API is slow.", t.asked, err))
	default:
		diags.AddError("Could not read the "+t.kind, fmt.Sprintf("Reading %s: %v.", t.asked, err))
	}
}

func advice(err *client.APIError) string {
	switch status := err.StatusCode; {
	case status == 429:
		return "The API is rate limiting this key; try again later, or lower -parallelism."
	case status >= 500:
		return "The API is failing; try again later. max_retries sets how often a read is retried."
	case status == 400 || status == 422:
		return "The API refused the request as sent; check the IDs and arguments."
	case status >= 300 && status < 400:
		return "Check base_url: the scheduling API answers directly and does not redirect."
	default:
		return "The API did not accept the request."
	}
}

// mappingError reports a response that was read but holds a value the
// provider cannot represent faithfully.
func mappingError(diags *diag.Diagnostics, err error, t target) {
	diags.AddError("Unexpected "+t.kind+" from the Sarvam API",
		fmt.Sprintf("The %s was read, but a value in it could not be used: %s. Nothing was stored. If this persists, report it with the field name above.", t.asked, err))
}

// recoverPanic turns a panic during a read into an error diagnostic, with
// the API key masked out of its message and of the stack it logs, so that a
// bug never prints the key and never takes down the whole plan. It is
// deferred first in every Read.
func (d *dataSource[M, P]) recoverPanic(ctx context.Context, diags *diag.Diagnostics) {
	r := recover()
	if r == nil {
		return
	}
	secret := ""
	if d.data != nil {
		secret = d.data.apiKey
	}
	mask := func(s string) string {
		if secret == "" {
			return s
		}
		return strings.ReplaceAll(s, secret, "[REDACTED]")
	}
	tflog.Error(ctx, "Panic while reading "+d.typeName(), map[string]any{"panic": mask(fmt.Sprint(r)), "stack": mask(string(debug.Stack()))})
	diags.AddError("Internal error in the sarvam provider",
		fmt.Sprintf("Reading %s failed unexpectedly: %s. This is a bug in the provider; please report it with the output of TF_LOG=debug.", d.typeName(), mask(fmt.Sprint(r))))
}
