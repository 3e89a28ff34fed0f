# Gate on a campaign by its exact name. The read fails when no campaign has
# the name, or when several do, listing their ids: then use campaign_id.
data "sarvam_campaign" "renewals" {
  name = "Motor policy renewals"
}

resource "terraform_data" "agent_rollout" {
  input = "agent-v2"

  lifecycle {
    precondition {
      condition     = data.sarvam_campaign.renewals.status != "active"
      error_message = "Campaign ${data.sarvam_campaign.renewals.campaign_id} is active; pause it before rolling out."
    }
  }
}
