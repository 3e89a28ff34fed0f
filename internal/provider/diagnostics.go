package provider

import "fmt"

// Every diagnostic summary the provider raises, and every message its
// functions return, is a constant of this file, and the troubleshooting
// guide (templates/guides/troubleshooting.md.tmpl) lists exactly these
// (troubleshooting_test.go checks it). A name says how it is raised: summary…
// for an error, warning… for a warning, message… for a function's error
// message, where each %s or %d is what the guide writes as <error>, <n> or
// <value>. A summary that depends on what was read or which argument is
// wrong is picked from the tables at the end of this file.

// Provider settings.
const (
	// summaryMissingAPIKey: a read with no api_key and no SARVAM_API_KEY.
	summaryMissingAPIKey = "Missing Sarvam API key"
	// summaryInvalidAPIKey: an api_key the client refuses before sending it.
	summaryInvalidAPIKey = "Invalid Sarvam API key"
	// summaryInvalidBaseURL: a base_url that is not an https URL (or http to
	// a loopback host), or holds credentials, a query or a fragment.
	summaryInvalidBaseURL = "Invalid base_url"
	// summaryInvalidOrgID: an org_id that cannot be sent in a path.
	summaryInvalidOrgID = "Invalid org_id"
	// summaryInvalidWorkspaceID: a workspace_id that cannot be sent in a path.
	summaryInvalidWorkspaceID = "Invalid workspace_id"
	// summaryInvalidRequestTimeout: a request_timeout that is not a positive
	// duration.
	summaryInvalidRequestTimeout = "Invalid request_timeout"
	// summaryInvalidMaxRetries: a max_retries that is not a whole number in
	// range.
	summaryInvalidMaxRetries = "Invalid max_retries"
	// summaryInvalidMaxRetriesEnv: the same, set through the environment.
	summaryInvalidMaxRetriesEnv = "Invalid SARVAM_MAX_RETRIES"
	// summaryClientNotBuilt: settings that passed every check but still
	// could not make a client.
	summaryClientNotBuilt = "Could not configure the Sarvam API client"
	// summaryConfigNotKnown: provider settings only known after apply.
	summaryConfigNotKnown = "Provider configuration not known yet"
)

// Data source arguments.
const (
	// summaryNoOrgID…, summaryNoWorkspaceID…: a read with no org_id or
	// workspace_id, in neither the data source nor the provider.
	summaryNoOrgIDCampaign              = "No org_id for sarvam_campaign"
	summaryNoOrgIDCampaigns             = "No org_id for sarvam_campaigns"
	summaryNoOrgIDCampaignCohort        = "No org_id for sarvam_campaign_cohort"
	summaryNoOrgIDCampaignCohorts       = "No org_id for sarvam_campaign_cohorts"
	summaryNoOrgIDWebhookConfig         = "No org_id for sarvam_webhook_config"
	summaryNoOrgIDWebhookConfigs        = "No org_id for sarvam_webhook_configs"
	summaryNoWorkspaceIDCampaign        = "No workspace_id for sarvam_campaign"
	summaryNoWorkspaceIDCampaigns       = "No workspace_id for sarvam_campaigns"
	summaryNoWorkspaceIDCampaignCohort  = "No workspace_id for sarvam_campaign_cohort"
	summaryNoWorkspaceIDCampaignCohorts = "No workspace_id for sarvam_campaign_cohorts"
	summaryNoWorkspaceIDWebhookConfig   = "No workspace_id for sarvam_webhook_config"
	summaryNoWorkspaceIDWebhookConfigs  = "No workspace_id for sarvam_webhook_configs"
	// summaryInvalid…ID, summaryInvalidMaxResults: a data source argument
	// its validator refuses.
	summaryInvalidCampaignID = "Invalid campaign_id"
	summaryInvalidCohortID   = "Invalid cohort_id"
	summaryInvalidWebhookID  = "Invalid webhook_id"
	summaryInvalidMaxResults = "Invalid max_results"
	// warningCampaignStatusNotDocumented: a status the API does not
	// document, for which a list is read anyway.
	warningCampaignStatusNotDocumented = "Campaign status not documented"
	// summaryInvalidAttribute…, summaryMissing…: raised by the framework's
	// validators (datasourcevalidator, stringvalidator) this provider's
	// schemas use, and in their words by exactlyOneOfValidator.
	summaryInvalidAttributeCombination   = "Invalid Attribute Combination"
	summaryMissingAttributeConfiguration = "Missing Attribute Configuration"
	summaryInvalidAttributeValueMatch    = "Invalid Attribute Value Match"
	summaryInvalidAttributeValueLength   = "Invalid Attribute Value Length"
)

// Reading from the API.
const (
	// summary…NotFound: a 404 for the object an id names.
	summaryCampaignNotFound          = "Campaign not found"
	summaryCohortNotFound            = "Cohort not found"
	summaryWebhookConfigNotFound     = "Webhook configuration not found"
	summaryCampaignListNotFound      = "Campaign list not found"
	summaryWebhookConfigListNotFound = "Webhook configuration list not found"
	// summaryNoWorkspace: a 404 for the workspace, or one the key cannot
	// read.
	summaryNoWorkspace = "Workspace not found"
	// summaryNotTheAPI: a 404 from something other than the API.
	summaryNotTheAPI = "Not found: check base_url first"
	// summarySeveral…: a lookup by name that matched more than one.
	summarySeveralCampaigns      = "Several campaigns have this name"
	summarySeveralCohorts        = "Several cohorts have this name"
	summarySeveralWebhookConfigs = "Several webhook configurations have this name"
	// summaryKeyRejected: a 401.
	summaryKeyRejected = "Sarvam API key rejected"
	// summaryForeignKey: a 403, for a key of another workspace.
	summaryForeignKey = "Sarvam API key does not belong to this workspace"
	// summaryAPIError: any other status the API answered with.
	summaryAPIError = "Sarvam API error"
	// summaryArgumentRefused: a 422 about a query argument.
	summaryArgumentRefused = "Argument refused by the Sarvam API"
	// summaryUnreachable, summaryNotSent: the transport failed, or the
	// request could not be built.
	summaryUnreachable = "Could not reach the Sarvam API"
	summaryNotSent     = "Could not send the request to the Sarvam API"
	// summaryListingDidNotPage: a list whose pages do not add up.
	summaryListingDidNotPage = "Sarvam API listing did not page correctly"
	// summaryUnexpectedResponse: a body that does not decode;
	// summaryUnexpected…: a value the provider cannot represent.
	summaryUnexpectedResponse          = "Unexpected response from the Sarvam API"
	summaryUnexpectedCampaign          = "Unexpected campaign from the Sarvam API"
	summaryUnexpectedCohort            = "Unexpected cohort from the Sarvam API"
	summaryUnexpectedCampaignList      = "Unexpected campaign list from the Sarvam API"
	summaryUnexpectedWebhookConfig     = "Unexpected webhook configuration from the Sarvam API"
	summaryUnexpectedWebhookConfigList = "Unexpected webhook configuration list from the Sarvam API"
	// summaryCouldNotRead…: any other failure of a read.
	summaryCouldNotReadCampaign          = "Could not read the campaign"
	summaryCouldNotReadCohort            = "Could not read the cohort"
	summaryCouldNotReadCampaignList      = "Could not read the campaign list"
	summaryCouldNotReadWebhookConfig     = "Could not read the webhook configuration"
	summaryCouldNotReadWebhookConfigList = "Could not read the webhook configuration list"
)

// Bugs in the provider.
const (
	// summaryInternalError: a panic during a read.
	summaryInternalError = "Internal error in the sarvam provider"
	// summaryNotConfigured: a read before the provider's Configure.
	summaryNotConfigured = "Provider not configured"
	// summaryUnexpectedProviderData: Configure handed over something else.
	summaryUnexpectedProviderData = "Unexpected provider data"
	// summaryCouldNotStore…: an object or a campaign list read and mapped
	// but not written into state.
	summaryCouldNotStoreCampaign      = "Could not store the campaign"
	summaryCouldNotStoreCohort        = "Could not store the cohort"
	summaryCouldNotStoreWebhookConfig = "Could not store the webhook configuration"
	summaryCouldNotStoreCampaignList  = "Could not store the campaign list"
)

// Provider functions' messages.
const (
	// messageStartTimeNull … messageDayNull: a null inside the schedule.
	messageStartTimeNull = "schedule.allowed_start_time must not be null"
	messageEndTimeNull   = "schedule.allowed_end_time must not be null"
	messageTimezoneNull  = "schedule.timezone must not be null"
	messageDaysNull      = "schedule.allowed_days must not be null"
	messageDayNull       = "schedule.allowed_days[%d] must not be null"
	// messageBadSchedule: every bad value of a schedule, each named by its
	// attribute.
	messageBadSchedule = "schedule.%s"
	// messageUnevaluableWindowOpen, messageUnevaluableNextWindow: a
	// schedule the functions cannot evaluate, which may come from the API.
	messageUnevaluableWindowOpen = messageBadSchedule + unevaluableAdvice + windowOpenTry
	messageUnevaluableNextWindow = messageBadSchedule + unevaluableAdvice + nextWindowTry
	// messageBadAt: at is not an RFC 3339 timestamp; the parser's error.
	messageBadAt = "%s"
	// messageNoWindow: every window within the days searched lies in
	// daylight-saving gaps.
	messageNoWindow = "no calling window opens within %d days after %s"
)

// unevaluableAdvice follows a schedule the functions cannot evaluate, and
// comes before the function's call wrapped in try().
const unevaluableAdvice = ". The value may come from the API rather than from your typing: data.sarvam_campaign's allowed_schedule passes on " +
	"what the API holds, which the provider cannot change. To choose the answer for such a schedule yourself, wrap the call in try(), " +
	"as in "

// The try() idiom each function's errors show for a schedule that cannot be
// evaluated: calling_window_open's default of true keeps a gate closed, as
// if calls might go out; next_calling_window's null says there is no window.
const (
	windowOpenTry = "try(provider::sarvam::calling_window_open(data.sarvam_campaign.x.allowed_schedule, plantimestamp()), true)"
	nextWindowTry = "try(provider::sarvam::next_calling_window(data.sarvam_campaign.x.allowed_schedule, plantimestamp()), null)"
)

// kindSummaries are the summaries that name the kind of object a read is
// about (target's kind and item, a lookup's kind).
type kindSummaries struct {
	notFound, unexpected, unread string
	// several is for a lookup by name that matched more than one.
	several string
	// store is for what is written into state directly: a single object,
	// or a list of campaigns.
	store string
}

// summariesOf gives the summaries of each kind.
var summariesOf = map[string]kindSummaries{
	"campaign":                   {notFound: summaryCampaignNotFound, unexpected: summaryUnexpectedCampaign, unread: summaryCouldNotReadCampaign, several: summarySeveralCampaigns, store: summaryCouldNotStoreCampaign},
	"cohort":                     {notFound: summaryCohortNotFound, unexpected: summaryUnexpectedCohort, unread: summaryCouldNotReadCohort, several: summarySeveralCohorts, store: summaryCouldNotStoreCohort},
	"webhook configuration":      {notFound: summaryWebhookConfigNotFound, unexpected: summaryUnexpectedWebhookConfig, unread: summaryCouldNotReadWebhookConfig, several: summarySeveralWebhookConfigs, store: summaryCouldNotStoreWebhookConfig},
	"campaign list":              {notFound: summaryCampaignListNotFound, unexpected: summaryUnexpectedCampaignList, unread: summaryCouldNotReadCampaignList, store: summaryCouldNotStoreCampaignList},
	"webhook configuration list": {notFound: summaryWebhookConfigListNotFound, unexpected: summaryUnexpectedWebhookConfigList, unread: summaryCouldNotReadWebhookConfigList},
}

// invalidSummaries gives the summary of a value an attribute's validator
// refuses, by attribute path.
var invalidSummaries = map[string]string{
	"base_url":        summaryInvalidBaseURL,
	"org_id":          summaryInvalidOrgID,
	"workspace_id":    summaryInvalidWorkspaceID,
	"request_timeout": summaryInvalidRequestTimeout,
	"max_retries":     summaryInvalidMaxRetries,
	"campaign_id":     summaryInvalidCampaignID,
	"cohort_id":       summaryInvalidCohortID,
	"webhook_id":      summaryInvalidWebhookID,
	"max_results":     summaryInvalidMaxResults,
}

// noScopeSummaries gives, by data source type name and then scope
// attribute, the summary of a read with no org_id or workspace_id.
var noScopeSummaries = map[string]map[string]string{
	"sarvam_campaign":         {"org_id": summaryNoOrgIDCampaign, "workspace_id": summaryNoWorkspaceIDCampaign},
	"sarvam_campaigns":        {"org_id": summaryNoOrgIDCampaigns, "workspace_id": summaryNoWorkspaceIDCampaigns},
	"sarvam_campaign_cohort":  {"org_id": summaryNoOrgIDCampaignCohort, "workspace_id": summaryNoWorkspaceIDCampaignCohort},
	"sarvam_campaign_cohorts": {"org_id": summaryNoOrgIDCampaignCohorts, "workspace_id": summaryNoWorkspaceIDCampaignCohorts},
	"sarvam_webhook_config":   {"org_id": summaryNoOrgIDWebhookConfig, "workspace_id": summaryNoWorkspaceIDWebhookConfig},
	"sarvam_webhook_configs":  {"org_id": summaryNoOrgIDWebhookConfigs, "workspace_id": summaryNoWorkspaceIDWebhookConfigs},
}

// summaryFor is the summary s, which must have been found in a table of
// this file: a missing one is a fault of the provider, which a read turns
// into summaryInternalError (and the tests catch).
func summaryFor(s string, what string) string {
	if s == "" {
		panic(fmt.Sprintf("no diagnostic summary for %s in diagnostics.go", what))
	}
	return s
}

// kindSummary is the summary pick chooses among kind's.
func kindSummary(kind string, pick func(kindSummaries) string) string {
	return summaryFor(pick(summariesOf[kind]), "the "+kind)
}
