package provider

import (
	"fmt"
	"strings"
)

// Every diagnostic summary the provider raises, and every message its
// functions return, is a constant of this file, and the troubleshooting
// guide (templates/guides/troubleshooting.md.tmpl) lists exactly these
// (troubleshooting_test.go checks it). A name says how it is raised: summary…
// for an error, warning… for a warning, message… for a function's error
// message, where each %s or %d is what the guide writes as <error>, <n> or
// <value>. A summary that depends on what was read or which argument is
// wrong is formatted: each %s of a summary… is what the guide writes as a
// placeholder such as <argument> or <kind>, and summaryAbout fills it in,
// so that a new data source, argument or kind adds no summary here.

// Provider settings.
const (
	// summaryMissingAPIKey: a read with no api_key and no SARVAM_API_KEY.
	summaryMissingAPIKey = "Missing Sarvam API key"
	// summaryInvalidAPIKey: an api_key the client refuses before sending it.
	summaryInvalidAPIKey = "Invalid Sarvam API key"
	// summaryInvalid, with the argument: a value of a provider setting
	// (base_url, org_id, workspace_id, request_timeout, max_retries), of the
	// environment variable that sets it (SARVAM_MAX_RETRIES), or of a data
	// source argument (campaign_id, max_results…) that its validator
	// refuses.
	summaryInvalid = "Invalid %s"
	// summaryClientNotBuilt: settings that passed every check but still
	// could not make a client.
	summaryClientNotBuilt = "Could not configure the Sarvam API client"
	// summaryConfigNotKnown: provider settings only known after apply.
	summaryConfigNotKnown = "Provider configuration not known yet"
)

// Data source arguments.
const (
	// summaryNoOrgID, summaryNoWorkspaceID, with the data source's (or
	// ephemeral resource's) name after "sarvam_": a read with no org_id or
	// workspace_id, in neither the data source nor the provider.
	summaryNoOrgID       = "No org_id for sarvam_%s"
	summaryNoWorkspaceID = "No workspace_id for sarvam_%s"
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

// Reading from the API. A summary formatted with a kind takes the target's
// kind or item, or a lookup's kind (kinds for summarySeveral), such as
// "campaign", "webhook configuration" or "campaign list".
const (
	// summaryNotFound, with the kind: a 404 for the object an id names.
	summaryNotFound = "%s not found"
	// summaryNoWorkspace: a 404 for the workspace, or one the key cannot
	// read.
	summaryNoWorkspace = "Workspace not found"
	// summaryNotTheAPI: a 404 from something other than the API.
	summaryNotTheAPI = "Not found: check base_url first"
	// summarySeveral, with the kinds: a lookup by name that matched more
	// than one.
	summarySeveral = "Several %s have this name"
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
	// summaryUnexpected, with the kind: a value the provider cannot
	// represent.
	summaryUnexpectedResponse = "Unexpected response from the Sarvam API"
	summaryUnexpected         = "Unexpected %s from the Sarvam API"
	// summaryCouldNotRead, with the kind: any other failure of a read.
	summaryCouldNotRead = "Could not read the %s"
)

// Bugs in the provider.
const (
	// summaryInternalError: a panic during a read.
	summaryInternalError = "Internal error in the sarvam provider"
	// summaryNotConfigured: a read before the provider's Configure.
	summaryNotConfigured = "Provider not configured"
	// summaryUnexpectedProviderData: Configure handed over something else.
	summaryUnexpectedProviderData = "Unexpected provider data"
	// summaryCouldNotStore, with the kind: an object or a list read and
	// mapped but not written into state.
	summaryCouldNotStore = "Could not store the %s"
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

// summaryAbout is the summary of format about what: an argument, a data
// source's name or a kind. A summary begins with a capital letter, as
// "Campaign not found" does.
func summaryAbout(format, what string) string {
	return capitalize(fmt.Sprintf(format, what))
}

// capitalize is s with its first letter a capital.
func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
