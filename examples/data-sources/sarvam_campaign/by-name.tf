# Find a campaign by its exact name instead of its generated id. The read
# fails when no campaign, or more than one, has this name.
data "sarvam_campaign" "renewals" {
  name = "Motor policy renewals"
}

output "renewals_id" {
  value = data.sarvam_campaign.renewals.campaign_id
}
