variable "receiver_url" {
  description = "URL of the webhook receiver this configuration deploys for call-completion events."
  type        = string
  default     = "https://crm.example.in/hooks/sarvam"
}

variable "attempts_receiver_url" {
  description = "URL of the receiver this configuration deploys for per-attempt results."
  type        = string
  default     = "https://hooks.example.in/sarvam/attempts"
}

data "sarvam_webhook_config" "crm" {
  webhook_id = "wh-crm-attempts-01"
}

data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

# Warn, without stopping the run, when the campaign or its webhook
# configuration posts somewhere other than the receivers deployed here.
check "webhooks_post_to_our_receivers" {
  assert {
    condition     = data.sarvam_webhook_config.crm.url == var.receiver_url
    error_message = "Webhook configuration ${data.sarvam_webhook_config.crm.name} posts to ${data.sarvam_webhook_config.crm.url}, not to ${var.receiver_url}."
  }
  assert {
    condition     = try(data.sarvam_campaign.reminders.app_config.webhook_config.url, null) == var.attempts_receiver_url
    error_message = "Campaign ${data.sarvam_campaign.reminders.name} posts its call attempts to ${try(data.sarvam_campaign.reminders.app_config.webhook_config.url, "no webhook")}, not to ${var.attempts_receiver_url}."
  }
}

# custom_headers is sensitive; reveal only a header that is safe to show.
output "team_header" {
  value = nonsensitive(data.sarvam_webhook_config.crm.custom_headers["X-Team"])
}

# The same configuration found by its exact name instead of its generated id.
# The read fails when no configuration, or more than one, has this name.
data "sarvam_webhook_config" "crm_by_name" {
  name = "CRM attempt updates"
}

output "crm_by_name_id" {
  value = data.sarvam_webhook_config.crm_by_name.webhook_id
}
