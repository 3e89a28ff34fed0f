# Read a campaign, and stop the plan when it is not running.
data "sarvam_campaign" "renewal" {
  campaign_id = "RNW-Motor-Po-7c1f0a92-55de"

  lifecycle {
    postcondition {
      condition     = contains(["scheduled", "active"], self.status)
      error_message = "Campaign ${self.name} is ${self.status}: it must be scheduled or active before this rollout."
    }
  }
}

# The calling window, for a dashboard or an on-call rota.
output "calling_window" {
  value = {
    from     = data.sarvam_campaign.renewal.allowed_schedule.allowed_start_time
    to       = data.sarvam_campaign.renewal.allowed_schedule.allowed_end_time
    days     = data.sarvam_campaign.renewal.allowed_schedule.allowed_days
    timezone = data.sarvam_campaign.renewal.allowed_schedule.timezone
  }
}

# Dial rate and retry budget, to size the downstream webhook consumer.
output "attempts_per_second" {
  value = data.sarvam_campaign.renewal.app_config.attempts_per_second
}

output "max_attempts_per_contact" {
  value = data.sarvam_campaign.renewal.app_config.retry_config.max_retries + 1
}

# Webhook metadata is a native object: index into it.
output "webhook_team" {
  value = try(data.sarvam_campaign.renewal.app_config.webhook_config.metadata.team, null)
}
