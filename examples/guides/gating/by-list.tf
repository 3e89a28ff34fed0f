# Gate on every campaign whose name contains "loan" (any case), whatever
# their ids: none may be active. The list reads every page.
data "sarvam_campaigns" "loans" {
  search = "loan"
}

locals {
  active_loans = [for c in data.sarvam_campaigns.loans.campaigns : "${c.name} (${c.campaign_id})" if c.status == "active"]
}

resource "terraform_data" "agent_rollout" {
  input = "agent-v2"

  lifecycle {
    precondition {
      condition     = length(local.active_loans) == 0
      error_message = "Active loan campaigns: ${join(", ", local.active_loans)}; pause them before rolling out."
    }
  }
}

# Only the active ones, read in full by id, for their calling windows.
data "sarvam_campaigns" "active" {
  status = "active"
}

data "sarvam_campaign" "active" {
  for_each    = toset(data.sarvam_campaigns.active.ids)
  campaign_id = each.value
}

output "active_calling_windows" {
  value = {
    for id, c in data.sarvam_campaign.active :
    id => "${c.allowed_schedule.allowed_start_time}-${c.allowed_schedule.allowed_end_time} ${c.allowed_schedule.timezone}"
  }
}
