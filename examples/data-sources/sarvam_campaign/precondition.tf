# Another resource refuses to change unless the campaign calls from our webhook.
resource "terraform_data" "webhook_consumer" {
  input = data.sarvam_campaign.reminders.app_config.webhook_config.url

  lifecycle {
    precondition {
      condition     = data.sarvam_campaign.reminders.app_config.webhook_config != null
      error_message = "Campaign ${data.sarvam_campaign.reminders.campaign_id} has no webhook configured."
    }
  }
}
