package provider

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// providerData is what Configure hands to every data source and ephemeral
// resource.
type providerData struct {
	client *client.Client
	// apiKey is kept only to mask it out of panic messages.
	apiKey      string
	orgID       string
	workspaceID string
	// unknown names the provider attributes that were unknown at plan time;
	// a read cannot go ahead without them.
	unknown []string
	// missingKey is set when no API key was configured: a read cannot go
	// ahead, but a configuration that only calls functions can.
	missingKey bool
}

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
	d.configure(req.ProviderData, &resp.Diagnostics)
}

// configure takes what the provider's Configure handed over, for a data
// source or an ephemeral resource reading through this one.
func (d *dataSource[M, P]) configure(given any, diags *diag.Diagnostics) {
	if given == nil {
		return
	}
	data, ok := given.(*providerData)
	if !ok {
		diags.AddError(summaryUnexpectedProviderData, fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", given))
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

// where names the scope in a diagnostic.
func (s scopeModel) where() string {
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
		diags.AddError(summaryNotConfigured, fmt.Sprintf("The sarvam provider was not configured before reading %s. This is a bug in the provider; please report it.", d.typeName()))
		return nil, false
	}
	if len(d.data.unknown) > 0 {
		diags.AddError(summaryConfigNotKnown,
			fmt.Sprintf("The sarvam provider settings %s depend on values that are only known after apply, so %s cannot be read during this plan. "+
				"Set them from known values or environment variables (SARVAM_*), or apply the resources they depend on first (terraform apply -target=...).",
				strings.Join(d.data.unknown, ", "), d.typeName()))
		return nil, false
	}
	if d.data.missingKey {
		diags.AddError(summaryMissingAPIKey, missingKeyDetail(d.typeName()))
		return nil, false
	}
	scope := P(m).scope()
	scope.OrgID = d.resolveScope(diags, scope.OrgID, d.data.orgID, "org_id", EnvOrgID, summaryNoOrgID)
	scope.WorkspaceID = d.resolveScope(diags, scope.WorkspaceID, d.data.workspaceID, "workspace_id", EnvWorkspaceID, summaryNoWorkspaceID)
	return m, !diags.HasError()
}

// missingKeyDetail says how to give the provider the key that reading
// dataSource needs.
func missingKeyDetail(dataSource string) string {
	return fmt.Sprintf("The provider needs an API key to read %s. Set the api_key attribute in the provider block, or the %s environment variable; an empty api_key counts as unset. "+
		"Keys are created in the Sarvam dashboard under Settings → API Key, and each belongs to one workspace. "+
		"The provider's functions need no key.", dataSource, EnvAPIKey)
}

// resolveScope picks the data source's value, else the provider's; with
// neither, it reports the summary noScope, formatted with the data
// source's name.
func (d *dataSource[M, P]) resolveScope(diags *diag.Diagnostics, own types.String, fromProvider, attr, env, noScope string) types.String {
	if !own.IsNull() && own.ValueString() != "" {
		return own
	}
	if fromProvider != "" {
		return types.StringValue(fromProvider)
	}
	diags.AddAttributeError(path.Root(attr), summaryAbout(noScope, d.name),
		fmt.Sprintf("The %[1]s to read in is not set. Set %[1]s in the data source, or %[1]s in the provider block, or the %[2]s environment variable.", attr, env))
	return own
}

func (d *dataSource[M, P]) client() *client.Client { return d.data.client }

// target names what a read asked for, so that every diagnostic says it.
type target struct {
	// kind is the kind of object, such as "campaign"; for a 404 it is the
	// object the API did not find.
	kind string
	// item is what the response holds, such as "cohort" for a list of
	// cohorts, when it is not kind.
	item string
	// idAttr is the argument that names it, which a 404 points at; check
	// is every argument a 404 may be about, when there are more.
	idAttr, check string
	// asked describes the request with every id, as a noun phrase that
	// follows "Reading", such as `campaign "X" in workspace "W" of org "O"`
	// or `the campaign list in workspace "W" of org "O"`.
	asked string
	// scope is where the read happened.
	scope scopeModel
	// queries are the arguments of this data source, beyond every list's,
	// that the API reads as query parameters.
	queries []queryArgument
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
	reading := "Reading " + t.asked + ": " + sentence(err)
	switch {
	case client.IsNotFound(err):
		errors.As(err, &apiErr)
		notFound(diags, apiErr, t, reading)
	case client.HasStatus(err, 401):
		diags.AddError(summaryKeyRejected,
			fmt.Sprintf("%s Set a valid key with the provider's api_key attribute or the %s environment variable.", reading, EnvAPIKey))
	case client.HasStatus(err, 403):
		diags.AddError(summaryForeignKey,
			fmt.Sprintf("%s The key was accepted, but this key does not belong to workspace %q of org %q: a key belongs to one workspace. "+
				"Check workspace_id and org_id, or use a key of that workspace (api_key or %s).", reading, t.scope.workspace(), t.scope.org(), EnvAPIKey))
	case errors.As(err, &apiErr) && apiErr.StatusCode == 422 && len(queryAttributes(apiErr, t)) > 0:
		for _, a := range queryAttributes(apiErr, t) {
			diags.AddAttributeError(path.Root(a.attr), summaryArgumentRefused,
				fmt.Sprintf("%s The API refused the value of %s (its query parameter %s). %s", reading, a.attr, a.param, a.hint))
		}
	case errors.As(err, &apiErr):
		diags.AddError(summaryAPIError, reading+" "+advice(apiErr))
	case errors.As(err, &pageErr):
		diags.AddError(summaryListingDidNotPage,
			reading+" Nothing was stored. If this persists, report it to Sarvam with the message above.")
	case errors.As(err, &decErr):
		diags.AddError(summaryUnexpectedResponse,
			reading+" The response is not the object the API reference describes; check that base_url points at the scheduling API.")
	case errors.As(err, &reqErr):
		diags.AddError(summaryNotSent,
			reading+" Nothing reached the network and the request was not retried; check the provider's settings.")
	case errors.As(err, &tErr):
		diags.AddError(summaryUnreachable, reading+" "+transportAdvice(tErr))
	default:
		diags.AddError(summaryAbout(summaryCouldNotRead, t.kind), reading)
	}
}

// stateError reports what was read and mapped but could not be written
// into state, which only a fault of the provider can cause.
func stateError(diags *diag.Diagnostics, err error, t target) {
	diags.AddError(summaryAbout(summaryCouldNotStore, t.kind),
		fmt.Sprintf("Reading %s succeeded, but the result could not be written into Terraform's state: %s. Nothing was stored. This is a fault of the provider; please report it.", t.asked, err))
}

// sentence is err as a sentence: a full stop is added unless the API's own
// message already ends one.
func sentence(err error) string {
	s := err.Error()
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// notFound tells apart what a 404 can mean, on the evidence of its body:
// not the API at all (base_url), a workspace the key cannot read, or an id
// that does not exist. A body that tells neither the API nor a router gets
// both, the object first.
func notFound(diags *diag.Diagnostics, apiErr *client.APIError, t target, reading string) {
	ws, org := t.scope.workspace(), t.scope.org()
	fromAPI := apiErr.Shaped || apiErr.Origin == client.OriginAPI
	what := t.kind
	if t.idAttr == "workspace_id" {
		what = "workspace"
	}
	routeHint := "base_url must end in /api/scheduling, as in " + client.DefaultBaseURL + ", and the provider appends /v1/orgs/… to it."
	switch {
	case !fromAPI && apiErr.Origin == client.OriginRouteMiss:
		diags.AddError(summaryNotTheAPI,
			fmt.Sprintf("%s The answer is what a server gives for a path it does not serve ({\"detail\": \"Not Found\"}, a page, or an empty or non-JSON body), not the API's word about the %s, "+
				"so the request most likely reached no route of the scheduling API: %s "+
				"If base_url is right, the %s was not found: check %s, and that org_id and workspace_id (%q of org %q) name the workspace it belongs to.",
				reading, what, routeHint, what, t.checks(), ws, org))
	case apiErr.Code == "workspace_not_found" || t.idAttr == "workspace_id":
		diags.AddAttributeError(path.Root("workspace_id"), summaryNoWorkspace,
			fmt.Sprintf("%s Either workspace %q of org %q does not exist, or this key does not belong to it: a key belongs to one workspace, "+
				"and the API may answer 404 for a workspace the key cannot read. Check workspace_id and org_id, and that the key (api_key or %s) is one of that workspace.%s",
				reading, ws, org, EnvAPIKey, unclearOrigin(fromAPI, routeHint)))
	default:
		diags.AddAttributeError(path.Root(t.idAttr), summaryAbout(summaryNotFound, t.kind),
			fmt.Sprintf("%s Check %s, and that org_id and workspace_id (%q of org %q) name the workspace it belongs to.%s", reading, t.checks(), ws, org, unclearOrigin(fromAPI, routeHint)))
	}
}

// unclearOrigin is what a 404 says of base_url when its body is neither the
// API's nor a router's: the request may have reached no route at all.
func unclearOrigin(fromAPI bool, routeHint string) string {
	if fromAPI {
		return ""
	}
	return " The answer is not in a shape the API is known to use ({\"error\": {…}} or {\"detail\": \"…\"}), so the request may also have reached no route of the scheduling API: " + routeHint
}

func (t target) checks() string {
	if t.check != "" {
		return t.check
	}
	return t.idAttr
}

// knownSortBy is what is known of the fields the API sorts by: the docs name
// only the default.
const knownSortBy = "created_at, the documented default; name and updated_at are likely but not documented"

// queryArgument is a data source argument the API reads as a query
// parameter, and what to say when the API refuses its value.
type queryArgument struct{ param, attr, hint string }

// listQueryArguments are the arguments of every list data source that the
// API reads as query parameters.
var listQueryArguments = []queryArgument{
	{"sort_by", "sort_by", "Use a field the API sorts by: " + knownSortBy + "."},
	{"sort_order", "sort_order", "Use asc or desc."},
	{"search", "search", "Check the search term."},
}

// queryAttributes are the arguments of t a 422's details point at.
func queryAttributes(err *client.APIError, t target) []queryArgument {
	var out []queryArgument
	for _, q := range slices.Concat(t.queries, listQueryArguments) {
		if slices.Contains(err.QueryParams, q.param) {
			out = append(out, q)
		}
	}
	return out
}

// transportAdvice names only the settings that change the outcome: a
// timed-out attempt is retried once whatever max_retries is, a failed
// connection max_retries times, and a failure no retry can change never.
func transportAdvice(err *client.TransportError) string {
	switch {
	case err.Timeout:
		return "If the API is slow rather than down, raise request_timeout; max_retries does not change this, as a timed-out attempt is retried once. Otherwise check the network, any HTTPS_PROXY setting and base_url."
	case err.Retryable():
		return "Check that the API is up at base_url, the network and any HTTPS_PROXY setting; max_retries sets how often a failed connection is retried."
	default:
		return "This is not retried, as asking again would fail the same way: check base_url, the network and any HTTPS_PROXY setting."
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
	item := t.item
	if item == "" {
		item = t.kind
	}
	diags.AddError(summaryAbout(summaryUnexpected, item),
		fmt.Sprintf("Reading %s: the response was read, but a value in it could not be used: %s. Nothing was stored. If this persists, report it with the field name above.", t.asked, err))
}

// recoverPanic turns a panic during a read into an error diagnostic, with
// the API key masked out of its message and of the stack it logs, so that a
// bug never prints the key and never takes down the whole plan. It is
// deferred first in every Read.
//
// It is also where every diagnostic of a read leaves the provider, so it
// takes the key out of each one, whatever put it there: a value quoted from
// a response (a timestamp that is not one, a name, a message), the client's
// errors, a mapping error.
func (d *dataSource[M, P]) recoverPanic(ctx context.Context, diags *diag.Diagnostics) {
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
	defer redactDiagnostics(diags, mask)
	r := recover()
	if r == nil {
		return
	}
	tflog.Error(ctx, "Panic while reading "+d.typeName(), map[string]any{"panic": mask(fmt.Sprint(r)), "stack": mask(string(debug.Stack()))})
	diags.AddError(summaryInternalError,
		fmt.Sprintf("Reading %s failed unexpectedly: %s. This is a bug in the provider; please report it with the output of TF_LOG=debug.", d.typeName(), mask(fmt.Sprint(r))))
}

// redactDiagnostics passes the summary and detail of every diagnostic
// through mask, keeping its severity and attribute path: the diagnostic is
// wrapped, not rebuilt, so it stays the one the read added.
func redactDiagnostics(diags *diag.Diagnostics, mask func(string) string) {
	for i, d := range *diags {
		summary, detail := mask(d.Summary()), mask(d.Detail())
		if summary == d.Summary() && detail == d.Detail() {
			continue
		}
		r := redactedDiagnostic{Diagnostic: d, summary: summary, detail: detail}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			(*diags)[i] = redactedAttributeDiagnostic{redactedDiagnostic: r, path: withPath.Path()}
		} else {
			(*diags)[i] = r
		}
	}
}

// redactedDiagnostic is a diagnostic with its text masked.
type redactedDiagnostic struct {
	diag.Diagnostic
	summary, detail string
}

func (d redactedDiagnostic) Summary() string { return d.summary }
func (d redactedDiagnostic) Detail() string  { return d.detail }
func (d redactedDiagnostic) Equal(o diag.Diagnostic) bool {
	return o != nil && d.Severity() == o.Severity() && d.summary == o.Summary() && d.detail == o.Detail()
}

// redactedAttributeDiagnostic is a redactedDiagnostic about one attribute.
type redactedAttributeDiagnostic struct {
	redactedDiagnostic
	path path.Path
}

func (d redactedAttributeDiagnostic) Path() path.Path { return d.path }
