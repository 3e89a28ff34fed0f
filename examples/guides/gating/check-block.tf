# Warn, without stopping the plan, when the campaign is active. A data source
# inside a check block is read on every plan, and an error reading it is a
# warning too.
check "renewals_not_active" {
  data "sarvam_campaign" "renewals" {
    campaign_id = "RNW-Motor-Po-7c1f0a92-55de"
  }

  assert {
    condition     = data.sarvam_campaign.renewals.status != "active"
    error_message = "Campaign ${data.sarvam_campaign.renewals.name} is active: calls are going out during this change."
  }
}
