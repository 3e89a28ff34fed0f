# This campaign's schedule from the API names no day (allowed_days = []).
# The function cannot tell whether that means never or every day, so it
# fails the plan rather than guess. try() chooses the answer explicitly:
# null says there is no window to report.
data "sarvam_campaign" "renewals" {
  campaign_id = "RNW-Motor-Po-7c1f0a92-55de"
}

output "renewals_next_window" {
  value = try(provider::sarvam::next_calling_window(data.sarvam_campaign.renewals.allowed_schedule, plantimestamp()), null)
}
