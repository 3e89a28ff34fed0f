package provider

import (
	"context"
	"fmt"
	"maps"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// sarvam_campaign reads one campaign (Get Campaign), by id or by name.

func newCampaignDataSource() datasource.DataSource {
	return newSingleDataSource[campaignModel, *campaignModel, client.Campaign]("campaign", campaignSchemaOnce(), idOrName("campaign_id"))
}

// about names the campaign a read asks for, by its id.
func (m *campaignModel) about() target {
	return target{kind: "campaign", idAttr: "campaign_id", scope: m.scopeModel, asked: fmt.Sprintf("campaign %q %s", m.CampaignID.ValueString(), m.where())}
}

// get reads the campaign (Get Campaign).
func (m *campaignModel) get(ctx context.Context, c *client.Client) (*client.Campaign, error) {
	return c.GetCampaign(ctx, m.org(), m.workspace(), m.CampaignID.ValueString())
}

// campaignNaming is how a listed campaign is named.
var campaignNaming = naming[client.CampaignSummary]{kind: "campaign", kinds: "campaigns", idAttr: "campaign_id",
	name: func(c *client.CampaignSummary) *string { return c.Name }, id: func(c *client.CampaignSummary) *string { return c.CampaignID },
	note: func(c *client.CampaignSummary) string { return fmt.Sprintf("status %q", deref(c.Status)) }}

// campaignSchemaOnce is the schema, built once: the framework makes a new
// data source for every call it serves, and building the schema each time
// was a share of a read's CPU (PERFORMANCE.md).
var campaignSchemaOnce = sync.OnceValue(campaignSchema)

func campaignSchema() schema.Schema {
	attrs := campaignSummaryAttributes()
	maps.Copy(attrs, map[string]schema.Attribute{
		"webhook_config": schema.DynamicAttribute{
			Computed: true,
			MarkdownDescription: "The campaign's own webhook configuration for call completion events, as the API returns it (its fields are not published; it may reference a `sarvam_webhook_config` by id), " +
				"as a native Terraform object you can index into. Null when the API returns none. Not the same as `app_config.webhook_config`, which receives every call attempt. " +
				"Members named `custom_headers` or `signing_secret`, at any depth, are left out: in a webhook configuration they are the receiving endpoint's credentials, and this attribute is not sensitive. " +
				"Read `sarvam_webhook_config` for a configuration's headers, which are sensitive there.",
		},
		"app_config": computedObject("Configuration of the app the campaign runs.", map[string]schema.Attribute{
			"app_id":              computedString("ID of the agent or workflow app."),
			"app_version":         computedInt64("Version of the app. Null when the API returns none."),
			"attempts_per_second": schema.Float64Attribute{Computed: true, MarkdownDescription: "Dial rate: call attempts started per second (the API allows 0.1 to 500). Not an integer."},
			"connection_configs": computedObjectList("Telephony connections the campaign dials through, in the API's order.", map[string]schema.Attribute{
				"connection_id": computedString("ID of the telephony connection."),
				"phone_numbers": computedStringList("Caller numbers on this connection, in the API's order."),
				"weight":        computedInt64("Share of calls placed through this connection, relative to the others."),
			}),
			"retry_config": computedObject("Retry policy for unanswered or failed calls.", map[string]schema.Attribute{
				"max_retries": computedInt64("Retries per contact: N retries allow up to N+1 attempts."),
				"retry_on": computedObject("The call outcomes that are retried. Null when the API does not return it; each condition is null when left out.", map[string]schema.Attribute{
					"busy":      retryToggleAttribute("busy"),
					"failed":    retryToggleAttribute("failed"),
					"no_answer": retryToggleAttribute("unanswered"),
					"short_duration": computedObject("Retry calls shorter than a threshold. Null when the API does not return this condition.", map[string]schema.Attribute{
						"enabled":           computedBool("Whether short calls are retried."),
						"threshold_seconds": computedInt64("Calls shorter than this many seconds count as short."),
					}),
					"provider_error": errorRetryAttribute("a telephony provider error"),
					"internal_error": errorRetryAttribute("an internal error"),
				}),
				"retry_interval_minutes": schema.ListAttribute{
					Computed:            true,
					ElementType:         types.Int64Type,
					MarkdownDescription: "Minutes to wait before each retry, in order. The API sends either a list or a single number; a single number becomes a list of one. Null when the API leaves it out.",
				},
			}),
			"app_type": computedString("Type of app. Known values: `agent`, `workflow`; others pass through unchanged."),
			"webhook_config": computedObject("Where the result of every call attempt is posted. Null when the campaign has no webhook.", map[string]schema.Attribute{
				"url": computedString("URL the attempt results are posted to."),
				"metadata": schema.DynamicAttribute{
					Computed: true,
					MarkdownDescription: "Free-form JSON object echoed in every webhook payload, as a native Terraform object: index into it as " +
						"`data.sarvam_campaign.x.app_config.webhook_config.metadata.team`. Numbers stay exact, lists become tuples, and a JSON `null` is null. " +
						"Read up to 64 levels deep, with numbers of at most 100 digits and an exponent within ±400; a response past that is an error naming this field.",
				},
			}),
			"phone_rotation": computedObject("Rotation of caller numbers across retries. Null when the API does not return it.", map[string]schema.Attribute{
				"agent": computedBool("Whether each retry calls from a different number."),
			}),
		}),
		"start_timestamp": computedTimestamp("When the campaign starts calling; it becomes `active` then."),
		"end_timestamp":   computedTimestamp("When the campaign stops calling; it becomes `ended` after."),
		"allowed_schedule": computedObject("The calling window: when calls may be placed.", map[string]schema.Attribute{
			"allowed_start_time": computedString("Earliest time of day for calls, in `timezone`, as the API sends it (24-hour `HH:MM`)."),
			"allowed_end_time":   computedString("Latest time of day for calls, in `timezone`, as the API sends it (24-hour `HH:MM`)."),
			"allowed_days":       computedStringList("Days on which calls may be placed, in the API's order. Known values: `Monday` to `Sunday`; others pass through unchanged."),
			"timezone":           computedString("IANA time zone of the window, such as `Asia/Kolkata`."),
		}),
	})
	s := campaignNaming.schema("Reads one calling campaign from the Sarvam scheduling API (Get Campaign): its status, calling window, dial rate, retry policy and webhook. "+
		"Every field of the response is an attribute with the API's name and nesting. A field the API leaves out is null; a nested object it leaves out is a null object. "+
		"Reading a campaign that does not exist is an error, never an object of nulls.",
		"ID of the campaign to read, such as `MKN-Loan-Le-181e5d84-a3cc`. Set exactly one of `campaign_id` and `name`.", "of the workspace", "the campaign belongs to", attrs)
	s.Description = "one campaign, by `campaign_id` or exact `name`, with every field of Get Campaign"
	return s
}

func retryToggleAttribute(what string) schema.SingleNestedAttribute {
	return computedObject("Retry calls that end "+what+". Null when the API does not return this condition.", map[string]schema.Attribute{
		"enabled": computedBool("Whether calls that end " + what + " are retried."),
	})
}
func errorRetryAttribute(what string) schema.SingleNestedAttribute {
	return computedObject("Retry calls that fail with "+what+", with a budget and interval of their own. Null when the API does not return this condition.", map[string]schema.Attribute{
		"enabled":                computedBool("Whether calls that fail with " + what + " are retried."),
		"max_retries":            computedInt64("Retries for this condition."),
		"retry_interval_minutes": computedInt64("Minutes between retries for this condition."),
	})
}

// campaignSummaryAttributes are the fields a campaign shares with its entry
// in List Campaigns, but for campaign_id, which each schema declares as it
// needs.
func campaignSummaryAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":        computedString("Name of the campaign. Names are not unique: the API allows several campaigns with one name."),
		"status":      computedString("Current status. Known values: `scheduled`, `active`, `paused`, `ended`, `cancelled` (`ended` and `cancelled` are terminal). A value the API adds later is passed through unchanged."),
		"app_id":      computedString("ID of the agent or workflow app the campaign runs."),
		"created_by":  computedString("User who created the campaign."),
		"created_at":  computedTimestamp("When the campaign was created."),
		"updated_at":  computedTimestamp("When the campaign was last updated."),
		"description": computedString("Description of the campaign. Null when it has none."),
		"app_type":    computedString("Type of app. Known values: `agent`, `workflow`; others pass through unchanged. The API documents `agent` as its default; when the response leaves the field out it is null here, not assumed."),
		"app_version": computedInt64("Version of the app the campaign uses. Null when the API returns none."),
		"updated_by":  computedString("User who last updated the campaign. Null when the API returns none."),
	}
}

// The models mirror the Get Campaign response field for field. A nil pointer
// or slice is a null object or list in Terraform: the API left it out.

type campaignModel struct {
	scopeModel
	CampaignID types.String `tfsdk:"campaign_id"`
	campaignSummaryModel
	AppConfig       *appConfigModel       `tfsdk:"app_config"`
	StartTimestamp  timetypes.RFC3339     `tfsdk:"start_timestamp"`
	EndTimestamp    timetypes.RFC3339     `tfsdk:"end_timestamp"`
	AllowedSchedule *allowedScheduleModel `tfsdk:"allowed_schedule"`
	WebhookConfig   types.Dynamic         `tfsdk:"webhook_config"`
}

// campaignSummaryModel is what a campaign shares with its List Campaigns
// entry, but for campaign_id.
type campaignSummaryModel struct {
	Name        types.String      `tfsdk:"name"`
	Status      types.String      `tfsdk:"status"`
	AppID       types.String      `tfsdk:"app_id"`
	CreatedBy   types.String      `tfsdk:"created_by"`
	CreatedAt   timetypes.RFC3339 `tfsdk:"created_at"`
	UpdatedAt   timetypes.RFC3339 `tfsdk:"updated_at"`
	Description types.String      `tfsdk:"description"`
	AppType     types.String      `tfsdk:"app_type"`
	AppVersion  types.Int64       `tfsdk:"app_version"`
	UpdatedBy   types.String      `tfsdk:"updated_by"`
}

type appConfigModel struct {
	AppID             types.String            `tfsdk:"app_id"`
	AppVersion        types.Int64             `tfsdk:"app_version"`
	AttemptsPerSecond types.Float64           `tfsdk:"attempts_per_second"`
	ConnectionConfigs []connectionConfigModel `tfsdk:"connection_configs"`
	RetryConfig       *retryConfigModel       `tfsdk:"retry_config"`
	AppType           types.String            `tfsdk:"app_type"`
	WebhookConfig     *webhookConfigModel     `tfsdk:"webhook_config"`
	PhoneRotation     *phoneRotationModel     `tfsdk:"phone_rotation"`
}

type connectionConfigModel struct {
	ConnectionID types.String   `tfsdk:"connection_id"`
	PhoneNumbers []types.String `tfsdk:"phone_numbers"`
	Weight       types.Int64    `tfsdk:"weight"`
}

type retryConfigModel struct {
	MaxRetries           types.Int64   `tfsdk:"max_retries"`
	RetryOn              *retryOnModel `tfsdk:"retry_on"`
	RetryIntervalMinutes []types.Int64 `tfsdk:"retry_interval_minutes"`
}

type retryOnModel struct {
	Busy          *retryToggleModel   `tfsdk:"busy"`
	Failed        *retryToggleModel   `tfsdk:"failed"`
	NoAnswer      *retryToggleModel   `tfsdk:"no_answer"`
	ShortDuration *shortDurationModel `tfsdk:"short_duration"`
	ProviderError *errorRetryModel    `tfsdk:"provider_error"`
	InternalError *errorRetryModel    `tfsdk:"internal_error"`
}

type retryToggleModel struct {
	Enabled types.Bool `tfsdk:"enabled"`
}

type shortDurationModel struct {
	Enabled          types.Bool  `tfsdk:"enabled"`
	ThresholdSeconds types.Int64 `tfsdk:"threshold_seconds"`
}

type errorRetryModel struct {
	Enabled              types.Bool  `tfsdk:"enabled"`
	MaxRetries           types.Int64 `tfsdk:"max_retries"`
	RetryIntervalMinutes types.Int64 `tfsdk:"retry_interval_minutes"`
}

type webhookConfigModel struct {
	URL      types.String  `tfsdk:"url"`
	Metadata types.Dynamic `tfsdk:"metadata"`
}

type phoneRotationModel struct {
	Agent types.Bool `tfsdk:"agent"`
}

type allowedScheduleModel struct {
	AllowedStartTime types.String   `tfsdk:"allowed_start_time"`
	AllowedEndTime   types.String   `tfsdk:"allowed_end_time"`
	AllowedDays      []types.String `tfsdk:"allowed_days"`
	Timezone         types.String   `tfsdk:"timezone"`
}

// fromAPI fills the computed attributes of m from the API response. It
// fails only on values it cannot represent faithfully (a timestamp that is
// not a timestamp, metadata that is not JSON), naming the field.
func (m *campaignModel) fromAPI(c *client.Campaign) error {
	if err := m.campaignSummaryModel.fromAPI(&c.CampaignSummary); err != nil {
		return err
	}
	var err error
	if m.StartTimestamp, err = timestamp("start_timestamp", c.StartTimestamp); err != nil {
		return err
	}
	if m.EndTimestamp, err = timestamp("end_timestamp", c.EndTimestamp); err != nil {
		return err
	}
	if m.AppConfig, err = mapAppConfig(c.AppConfig); err != nil {
		return err
	}
	if m.WebhookConfig, err = jsonToDynamic(c.WebhookConfig, client.WebhookCredentialFields()...); err != nil {
		return fmt.Errorf("webhook_config: %w", err)
	}
	m.AllowedSchedule = mapAllowedSchedule(c.AllowedSchedule)
	return nil
}

// fromAPI fills the fields a campaign shares with its List Campaigns entry,
// but for campaign_id.
func (m *campaignSummaryModel) fromAPI(s *client.CampaignSummary) error {
	*m = campaignSummaryModel{
		Name:        types.StringPointerValue(s.Name),
		Status:      types.StringPointerValue(s.Status),
		AppID:       types.StringPointerValue(s.AppID),
		CreatedBy:   types.StringPointerValue(s.CreatedBy),
		Description: types.StringPointerValue(s.Description),
		AppType:     types.StringPointerValue(s.AppType),
		AppVersion:  types.Int64PointerValue(s.AppVersion),
		UpdatedBy:   types.StringPointerValue(s.UpdatedBy),
	}
	var err error
	m.CreatedAt, m.UpdatedAt, err = createdUpdated(s.CreatedAt, s.UpdatedAt)
	return err
}

func mapAppConfig(a *client.AppConfig) (*appConfigModel, error) {
	if a == nil {
		return nil, nil
	}
	m := &appConfigModel{
		AppID:             types.StringPointerValue(a.AppID),
		AppVersion:        types.Int64PointerValue(a.AppVersion),
		AttemptsPerSecond: types.Float64PointerValue(a.AttemptsPerSecond),
		RetryConfig:       mapRetryConfig(a.RetryConfig),
		AppType:           types.StringPointerValue(a.AppType),
	}
	if a.ConnectionConfigs != nil {
		m.ConnectionConfigs = make([]connectionConfigModel, len(a.ConnectionConfigs))
		for i, cc := range a.ConnectionConfigs {
			m.ConnectionConfigs[i] = connectionConfigModel{
				ConnectionID: types.StringPointerValue(cc.ConnectionID),
				PhoneNumbers: stringList(cc.PhoneNumbers),
				Weight:       types.Int64PointerValue(cc.Weight),
			}
		}
	}
	if a.WebhookConfig != nil {
		metadata, err := jsonToDynamic(a.WebhookConfig.Metadata)
		if err != nil {
			return nil, fmt.Errorf("app_config.webhook_config.metadata: %w", err)
		}
		m.WebhookConfig = &webhookConfigModel{URL: types.StringPointerValue(a.WebhookConfig.URL), Metadata: metadata}
	}
	if a.PhoneRotation != nil {
		m.PhoneRotation = &phoneRotationModel{Agent: types.BoolPointerValue(a.PhoneRotation.Agent)}
	}
	return m, nil
}

func mapRetryConfig(r *client.RetryConfig) *retryConfigModel {
	if r == nil {
		return nil
	}
	m := &retryConfigModel{MaxRetries: types.Int64PointerValue(r.MaxRetries)}
	if r.RetryIntervalMinutes.Present {
		m.RetryIntervalMinutes = make([]types.Int64, len(r.RetryIntervalMinutes.Values))
		for i, v := range r.RetryIntervalMinutes.Values {
			m.RetryIntervalMinutes[i] = types.Int64Value(v)
		}
	}
	if on := r.RetryOn; on != nil {
		m.RetryOn = &retryOnModel{
			Busy:          mapRetryToggle(on.Busy),
			Failed:        mapRetryToggle(on.Failed),
			NoAnswer:      mapRetryToggle(on.NoAnswer),
			ProviderError: mapErrorRetry(on.ProviderError),
			InternalError: mapErrorRetry(on.InternalError),
		}
		if sd := on.ShortDuration; sd != nil {
			m.RetryOn.ShortDuration = &shortDurationModel{
				Enabled:          types.BoolPointerValue(sd.Enabled),
				ThresholdSeconds: types.Int64PointerValue(sd.ThresholdSeconds),
			}
		}
	}
	return m
}

func mapRetryToggle(t *client.RetryToggle) *retryToggleModel {
	if t == nil {
		return nil
	}
	return &retryToggleModel{Enabled: types.BoolPointerValue(t.Enabled)}
}

func mapErrorRetry(e *client.ErrorRetry) *errorRetryModel {
	if e == nil {
		return nil
	}
	return &errorRetryModel{
		Enabled:              types.BoolPointerValue(e.Enabled),
		MaxRetries:           types.Int64PointerValue(e.MaxRetries),
		RetryIntervalMinutes: types.Int64PointerValue(e.RetryIntervalMinutes),
	}
}

func mapAllowedSchedule(s *client.AllowedSchedule) *allowedScheduleModel {
	if s == nil {
		return nil
	}
	return &allowedScheduleModel{
		AllowedStartTime: types.StringPointerValue(s.AllowedStartTime),
		AllowedEndTime:   types.StringPointerValue(s.AllowedEndTime),
		AllowedDays:      stringList(s.AllowedDays),
		Timezone:         types.StringPointerValue(s.Timezone),
	}
}
