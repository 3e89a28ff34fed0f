# Planned by `make demo` against the bundled fake API. The provider comes
# from a local build through dev_overrides, and SARVAM_API_KEY,
# SARVAM_BASE_URL, SARVAM_ORG_ID and SARVAM_WORKSPACE_ID from the environment.
terraform {
  required_providers {
    sarvam = {
      source = "sarvamai/sarvam"
    }
  }
}

provider "sarvam" {}

# Fully populated: every field of Get Campaign.
data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

# Sparse: no webhook, no retry conditions, a bare retry interval, offsetless timestamps.
data "sarvam_campaign" "renewals" {
  campaign_id = "RNW-Motor-Po-7c1f0a92-55de"
}

# Unicode, a status the provider does not know yet, fields it ignores.
data "sarvam_campaign" "leads" {
  campaign_id = "LEAD-Home-Lo-3b9e0c11-77af"
}

# The Get Campaign reference's own response example, unchanged.
data "sarvam_campaign" "seed_example" {
  campaign_id = "<string>"
}

output "reminders" {
  description = "Every field of the fully populated campaign."
  value       = data.sarvam_campaign.reminders
}

output "renewals_calling_window" {
  value = "${data.sarvam_campaign.renewals.allowed_schedule.allowed_start_time}-${data.sarvam_campaign.renewals.allowed_schedule.allowed_end_time} ${data.sarvam_campaign.renewals.allowed_schedule.timezone}"
}

output "renewals_retry_intervals" {
  value = data.sarvam_campaign.renewals.app_config.retry_config.retry_interval_minutes
}

output "renewals_has_webhook" {
  value = data.sarvam_campaign.renewals.app_config.webhook_config != null
}

output "leads_status_and_name" {
  value = "${data.sarvam_campaign.leads.status}: ${data.sarvam_campaign.leads.name}"
}

output "webhook_team" {
  value = data.sarvam_campaign.reminders.app_config.webhook_config.metadata.team
}

output "seed_example" {
  description = "The reference's example campaign, field for field."
  value       = data.sarvam_campaign.seed_example
}

# Every active campaign of the workspace, read through List Campaigns.
data "sarvam_campaigns" "active" {
  status = "active"
}

output "active_campaigns" {
  value = [for c in data.sarvam_campaigns.active.campaigns : "${c.campaign_id}: ${c.name}"]
}

# A campaign found by its exact name rather than its generated id.
data "sarvam_campaign" "by_name" {
  name = "Motor policy renewals"
}

output "by_name_id" {
  value = data.sarvam_campaign.by_name.campaign_id
}

# The contact lists of a campaign, and whether every one was processed cleanly.
data "sarvam_campaign_cohorts" "reminders" {
  campaign_id = data.sarvam_campaign.reminders.campaign_id
}

output "reminders_cohorts_clean" {
  value = alltrue([for c in data.sarvam_campaign_cohorts.reminders.cohorts : c.status == "completed" && try(c.result.rejected_records, 1) == 0])
}

# The webhook configuration the campaign refers to; its headers stay sensitive.
# The fake API's campaign names it in its top-level webhook_config; the real
# API does not publish that object's fields.
data "sarvam_webhook_config" "crm" {
  webhook_id = data.sarvam_campaign.reminders.webhook_config.webhook_id
}

output "crm_webhook_url" {
  value = data.sarvam_webhook_config.crm.url
}

# Every webhook configuration of the workspace, and one found by its exact
# name: "CRM attempt updates", though another is named "CRM Attempt Updates".
data "sarvam_webhook_configs" "all" {}

output "webhook_names" {
  value = [for w in data.sarvam_webhook_configs.all.webhook_configs : w.name]
}

data "sarvam_webhook_config" "crm_by_name" {
  name = "CRM attempt updates"
}

output "crm_by_name_id" {
  value = data.sarvam_webhook_config.crm_by_name.webhook_id
}

# A cohort found by its exact name within its campaign.
data "sarvam_campaign_cohort" "december" {
  campaign_id = data.sarvam_campaign.renewals.campaign_id
  name        = "Motor renewals - December"
}

output "december_cohort" {
  value = "${data.sarvam_campaign_cohort.december.cohort_id}: ${data.sarvam_campaign_cohort.december.status}"
}

