# "Is this campaign calling now?" needs its status, its dates and its calling
# window: the functions read the window only (Terraform 1.8 or later).
data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

locals {
  c   = data.sarvam_campaign.reminders
  now = plantimestamp()
  calling_now = (
    local.c.status == "active"
    && timecmp(local.c.start_timestamp, local.now) <= 0
    && timecmp(local.now, local.c.end_timestamp) < 0
    && provider::sarvam::calling_window_open(local.c.allowed_schedule, local.now)
  )
}

resource "terraform_data" "agent_rollout" {
  input = "agent-v2"

  lifecycle {
    precondition {
      condition     = !local.calling_now
      error_message = "Campaign ${local.c.name} is calling until ${provider::sarvam::next_calling_window(local.c.allowed_schedule, local.now).closes_at}; roll out after that."
    }
  }
}

# The functions also answer for a fixed moment, such as a planned change
# window: Monday 30 November 2026, 10:00 in India.
output "window_at_change_time" {
  value = {
    open = provider::sarvam::calling_window_open(local.c.allowed_schedule, "2026-11-30T10:00:00+05:30")
    next = provider::sarvam::next_calling_window(local.c.allowed_schedule, "2026-11-30T10:00:00+05:30")
  }
}
