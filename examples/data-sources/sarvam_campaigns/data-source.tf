# Every active campaign of the workspace, newest first.
data "sarvam_campaigns" "active" {
  status = "active"
}

output "active_campaigns" {
  value = {
    for c in data.sarvam_campaigns.active.campaigns : c.campaign_id => c.name
  }
}

# The list carries each campaign's summary; read one whole by its id.
data "sarvam_campaign" "each_active" {
  for_each    = toset(data.sarvam_campaigns.active.ids)
  campaign_id = each.value
}

output "calling_windows" {
  value = {
    for id, c in data.sarvam_campaign.each_active :
    c.name => "${c.allowed_schedule.allowed_start_time}-${c.allowed_schedule.allowed_end_time} ${c.allowed_schedule.timezone}"
  }
}
