# Refuse the rollout while the campaign is calling customers.
data "sarvam_campaign" "renewals" {
  campaign_id = "RNW-Motor-Po-7c1f0a92-55de"
}

resource "terraform_data" "agent_rollout" {
  input = "agent-v2"

  lifecycle {
    precondition {
      # Compare with the documented statuses: scheduled, active, paused,
      # ended, cancelled. A status the API adds later passes through as is.
      condition     = data.sarvam_campaign.renewals.status != "active"
      error_message = "Campaign ${data.sarvam_campaign.renewals.name} is active; pause it before rolling out a new agent."
    }
  }
}
