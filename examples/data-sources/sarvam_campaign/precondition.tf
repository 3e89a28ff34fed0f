data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

# A rollout that must not run while the campaign is calling customers.
resource "terraform_data" "agent_rollout" {
  input = data.sarvam_campaign.reminders.app_config.app_version

  lifecycle {
    precondition {
      condition     = data.sarvam_campaign.reminders.status != "active"
      error_message = "Campaign ${data.sarvam_campaign.reminders.name} is active; pause it before rolling out a new agent version."
    }
    precondition {
      condition     = data.sarvam_campaign.reminders.app_config.webhook_config != null
      error_message = "Campaign ${data.sarvam_campaign.reminders.campaign_id} has no webhook configured."
    }
  }
}
