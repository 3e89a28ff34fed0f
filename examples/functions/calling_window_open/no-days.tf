# This campaign's schedule from the API names no day (allowed_days = []).
# The function cannot tell whether that means never or every day, so it
# fails the plan rather than guess. try() chooses the answer explicitly:
# true treats the campaign as possibly calling, which keeps a gate closed.
data "sarvam_campaign" "renewals" {
  campaign_id = "RNW-Motor-Po-7c1f0a92-55de"
}

output "renewals_window_open" {
  value = try(provider::sarvam::calling_window_open(data.sarvam_campaign.renewals.allowed_schedule, plantimestamp()), true)
}
