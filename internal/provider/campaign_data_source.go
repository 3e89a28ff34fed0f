package provider

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*campaignDataSource)(nil)

type campaignDataSource struct {
	data *providerData
}

func newCampaignDataSource() datasource.DataSource { return &campaignDataSource{} }

func (d *campaignDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign"
}

func (d *campaignDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
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

func (d *campaignDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.data != nil {
		defer recoverPanic(ctx, &resp.Diagnostics, d.data.apiKey)
	}
	var m campaignModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.data == nil {
		resp.Diagnostics.AddError("Provider not configured", "The sarvam provider was not configured before reading sarvam_campaign. This is a bug in the provider; please report it.")
		return
	}
	if len(d.data.unknown) > 0 {
		resp.Diagnostics.AddError("Provider configuration not known yet",
			fmt.Sprintf("The sarvam provider settings %s depend on values that are only known after apply, so sarvam_campaign cannot be read during this plan. "+
				"Set them from known values or environment variables (SARVAM_*), or apply the resources they depend on first (terraform apply -target=...).",
				strings.Join(d.data.unknown, ", ")))
		return
	}

	org := resolveScope(&resp.Diagnostics, m.OrgID, d.data.orgID, "org_id", EnvOrgID)
	ws := resolveScope(&resp.Diagnostics, m.WorkspaceID, d.data.workspaceID, "workspace_id", EnvWorkspaceID)
	if resp.Diagnostics.HasError() {
		return
	}
	id := m.CampaignID.ValueString()

	campaign, err := d.data.client.GetCampaign(ctx, org, ws, id)
	if err != nil {
		addReadError(&resp.Diagnostics, err, id, ws, org)
		return
	}
	if err := mapCampaign(campaign, &m); err != nil {
		resp.Diagnostics.AddError("Unexpected campaign from the Sarvam API",
			fmt.Sprintf("Campaign %q (workspace %q, org %q) was read, but a value in it could not be used: %s. "+
				"Nothing was stored. If this persists, report it with the field name above.", id, ws, org, err))
		return
	}
	m.OrgID = types.StringValue(org)
	m.WorkspaceID = types.StringValue(ws)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// resolveScope picks the data source's value, else the provider's.
func resolveScope(diags *diag.Diagnostics, own types.String, fromProvider, attr, env string) string {
	if !own.IsNull() && own.ValueString() != "" {
		return own.ValueString()
	}
	if fromProvider != "" {
		return fromProvider
	}
	diags.AddAttributeError(path.Root(attr), "No "+attr+" for sarvam_campaign",
		fmt.Sprintf("The campaign's %[1]s is not set. Set %[1]s in the data source, or %[1]s in the provider block, or the %[2]s environment variable.", attr, env))
	return ""
}

// addReadError turns a client error into a diagnostic that says what was
// asked, what came back and what to do. Client errors never hold the key.
func addReadError(diags *diag.Diagnostics, err error, id, ws, org string) {
	asked := fmt.Sprintf("campaign %q in workspace %q of org %q", id, ws, org)
	var apiErr *client.APIError
	var decErr *client.DecodeError
	var tErr *client.TransportError
	switch {
	case client.IsNotFound(err):
		diags.AddAttributeError(path.Root("campaign_id"), "Campaign not found",
			fmt.Sprintf("The Sarvam API has no %s (%v). Check the campaign_id, and that org_id and workspace_id name the workspace the campaign belongs to.", asked, err))
	case client.IsUnauthorized(err):
		diags.AddError("Sarvam API key rejected",
			fmt.Sprintf("Reading %s: %v. The API key was not accepted or has no access to this workspace. "+
				"Set a valid key with the provider's api_key attribute or the %s environment variable.", asked, err, EnvAPIKey))
	case errors.As(err, &apiErr):
		diags.AddError("Sarvam API error",
			fmt.Sprintf("Reading %s: %v. %s", asked, err, advice(apiErr.StatusCode)))
	case errors.As(err, &decErr):
		diags.AddError("Unexpected response from the Sarvam API",
			fmt.Sprintf("Reading %s: %v. The response is not the campaign object the API reference describes; check that base_url points at the scheduling API.", asked, err))
	case errors.As(err, &tErr):
		diags.AddError("Could not reach the Sarvam API",
			fmt.Sprintf("Reading %s: %v. Check the network, any HTTPS_PROXY setting and base_url; raise request_timeout or max_retries if the API is slow.", asked, err))
	default:
		diags.AddError("Could not read the campaign", fmt.Sprintf("Reading %s: %v.", asked, err))
	}
}

func advice(status int) string {
	switch {
	case status == 429:
		return "The API is rate limiting this key; try again later, or lower -parallelism."
	case status >= 500:
		return "The API is failing; try again later. max_retries sets how often a read is retried."
	case status == 400 || status == 422:
		return "The API refused the request as sent; check the IDs."
	default:
		return "See the message above."
	}
}

func (d *campaignDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = campaignSchema()
}

// Small constructors keep the schema readable: every attribute is computed
// and described.
func str(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}
func i64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
}
func boolean(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
}
func ts(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:   true,
		CustomType: timetypes.RFC3339Type{},
		MarkdownDescription: desc + " An RFC 3339 timestamp, kept as the API sent it (offset and fractional seconds included). " +
			"A value the API sends without an offset is read as UTC and gets a `Z` appended; a space or a lowercase `t`/`z` in place of `T`/`Z` is written as `T`/`Z`.",
	}
}
func object(desc string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: desc, Attributes: attrs}
}

func campaignSchema() schema.Schema {
	toggle := func(what string) schema.SingleNestedAttribute {
		return object("Retry calls that end "+what+". Null when the API does not return this condition.", map[string]schema.Attribute{
			"enabled": boolean("Whether calls that end " + what + " are retried."),
		})
	}
	errorRetry := func(what string) schema.SingleNestedAttribute {
		return object("Retry calls that fail with "+what+", with a budget and interval of their own. Null when the API does not return this condition.", map[string]schema.Attribute{
			"enabled":                boolean("Whether calls that fail with " + what + " are retried."),
			"max_retries":            i64("Retries for this condition."),
			"retry_interval_minutes": i64("Minutes between retries for this condition."),
		})
	}
	return schema.Schema{
		MarkdownDescription: "Reads one calling campaign from the Sarvam scheduling API (Get Campaign): its status, calling window, dial rate, retry policy and webhook. " +
			"Every field of the response is an attribute with the API's name and nesting. A field the API leaves out is null; a nested object it leaves out is a null object. " +
			"Reading a campaign that does not exist is an error, never an object of nulls.",
		Attributes: map[string]schema.Attribute{
			"campaign_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the campaign to read, such as `MKN-Loan-Le-181e5d84-a3cc`.",
				Validators:          []validator.String{idValidator{}},
			},
			"org_id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Organisation the campaign belongs to. Defaults to the provider's `org_id` (or `" + EnvOrgID + "`); after the read, the one used.",
				Validators:          []validator.String{idValidator{}},
			},
			"workspace_id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Workspace the campaign belongs to. Defaults to the provider's `workspace_id` (or `" + EnvWorkspaceID + "`); after the read, the one used.",
				Validators:          []validator.String{idValidator{}},
			},
			"name":       str("Name of the campaign."),
			"status":     str("Current status. Known values: `scheduled`, `active`, `paused`, `ended`, `cancelled` (`ended` and `cancelled` are terminal). A value the API adds later is passed through unchanged."),
			"app_id":     str("ID of the agent or workflow app the campaign runs."),
			"created_by": str("User who created the campaign."),
			"created_at": ts("When the campaign was created."),
			"updated_at": ts("When the campaign was last updated."),
			"app_config": object("Configuration of the app the campaign runs.", map[string]schema.Attribute{
				"app_id":              str("ID of the agent or workflow app."),
				"app_version":         i64("Version of the app. Null when the API returns none."),
				"attempts_per_second": schema.Float64Attribute{Computed: true, MarkdownDescription: "Dial rate: call attempts started per second (the API allows 0.1 to 500). Not an integer."},
				"connection_configs": schema.ListNestedAttribute{
					Computed:            true,
					MarkdownDescription: "Telephony connections the campaign dials through, in the API's order.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"connection_id": str("ID of the telephony connection."),
						"phone_numbers": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Caller numbers on this connection, in the API's order."},
						"weight":        i64("Share of calls placed through this connection, relative to the others."),
					}},
				},
				"retry_config": object("Retry policy for unanswered or failed calls.", map[string]schema.Attribute{
					"max_retries": i64("Retries per contact: N retries allow up to N+1 attempts."),
					"retry_on": object("The call outcomes that are retried. Null when the API does not return it; each condition is null when left out.", map[string]schema.Attribute{
						"busy":      toggle("busy"),
						"failed":    toggle("failed"),
						"no_answer": toggle("unanswered"),
						"short_duration": object("Retry calls shorter than a threshold. Null when the API does not return this condition.", map[string]schema.Attribute{
							"enabled":           boolean("Whether short calls are retried."),
							"threshold_seconds": i64("Calls shorter than this many seconds count as short."),
						}),
						"provider_error": errorRetry("a telephony provider error"),
						"internal_error": errorRetry("an internal error"),
					}),
					"retry_interval_minutes": schema.ListAttribute{
						Computed:            true,
						ElementType:         types.Int64Type,
						MarkdownDescription: "Minutes to wait before each retry, in order. The API sends either a list or a single number; a single number becomes a list of one. Null when the API leaves it out.",
					},
				}),
				"app_type": str("Type of app. Known values: `agent`, `workflow`; others pass through unchanged."),
				"webhook_config": object("Where the result of every call attempt is posted. Null when the campaign has no webhook.", map[string]schema.Attribute{
					"url": str("URL the attempt results are posted to."),
					"metadata": schema.DynamicAttribute{
						Computed: true,
						MarkdownDescription: "Free-form JSON object echoed in every webhook payload, as a native Terraform object: index into it as " +
							"`data.sarvam_campaign.x.app_config.webhook_config.metadata.team`. Numbers stay exact, lists become tuples, and a JSON `null` is null.",
					},
				}),
				"phone_rotation": object("Rotation of caller numbers across retries. Null when the API does not return it.", map[string]schema.Attribute{
					"agent": boolean("Whether each retry calls from a different number."),
				}),
			}),
			"start_timestamp": ts("When the campaign starts calling; it becomes `active` then."),
			"end_timestamp":   ts("When the campaign stops calling; it becomes `ended` after."),
			"allowed_schedule": object("The calling window: when calls may be placed.", map[string]schema.Attribute{
				"allowed_start_time": str("Earliest time of day for calls, in `timezone`, as the API sends it (24-hour `HH:MM`)."),
				"allowed_end_time":   str("Latest time of day for calls, in `timezone`, as the API sends it (24-hour `HH:MM`)."),
				"allowed_days": schema.ListAttribute{
					Computed:            true,
					ElementType:         types.StringType,
					MarkdownDescription: "Days on which calls may be placed, in the API's order. Known values: `Monday` to `Sunday`; others pass through unchanged.",
				},
				"timezone": str("IANA time zone of the window, such as `Asia/Kolkata`."),
			}),
			"description": str("Description of the campaign. Null when it has none."),
			"app_type":    str("Type of app. Known values: `agent`, `workflow`; others pass through unchanged. The API documents `agent` as its default; when the response leaves the field out it is null here, not assumed."),
			"app_version": i64("Version of the app the campaign uses. Null when the API returns none."),
			"updated_by":  str("User who last updated the campaign. Null when the API returns none."),
		},
	}
}

// recoverPanic turns a panic during a read into an error diagnostic, with
// the API key masked out of its message and of the stack it logs, so that a
// bug never prints the key and never takes down the whole plan.
func recoverPanic(ctx context.Context, diags *diag.Diagnostics, secret string) {
	r := recover()
	if r == nil {
		return
	}
	mask := func(s string) string {
		if secret == "" {
			return s
		}
		return strings.ReplaceAll(s, secret, "[REDACTED]")
	}
	tflog.Error(ctx, "Panic while reading a campaign", map[string]any{"panic": mask(fmt.Sprint(r)), "stack": mask(string(debug.Stack()))})
	diags.AddError("Internal error in the sarvam provider",
		fmt.Sprintf("Reading the campaign failed unexpectedly: %s. This is a bug in the provider; please report it with the output of TF_LOG=debug.", mask(fmt.Sprint(r))))
}
