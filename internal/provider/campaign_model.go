package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
