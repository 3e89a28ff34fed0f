# "Is this campaign calling now, and until when?" needs more than the
# calling window: the campaign must be active, and the plan's time between
# its start and end. HCL evaluates both sides of && and ||, so a null start
# or end is replaced by the plan's own time (no limit) rather than tested.
data "sarvam_campaign" "gate" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

locals {
  now    = plantimestamp()
  window = provider::sarvam::next_calling_window(data.sarvam_campaign.gate.allowed_schedule, local.now)
  calling_now = alltrue([
    data.sarvam_campaign.gate.status == "active",
    timecmp(coalesce(data.sarvam_campaign.gate.start_timestamp, local.now), local.now) <= 0,
    timecmp(local.now, coalesce(data.sarvam_campaign.gate.end_timestamp, timeadd(local.now, "1s"))) < 0,
    # The window contains the plan's time when it has already opened.
    timecmp(local.window.opens_at, local.now) <= 0,
  ])
}

# Refuse to rotate the caller numbers while the campaign is calling.
resource "terraform_data" "caller_numbers" {
  input = var.caller_numbers

  lifecycle {
    precondition {
      condition     = !local.calling_now
      error_message = "Campaign ${data.sarvam_campaign.gate.name} is calling until ${local.window.closes_at}; rotate the numbers after that."
    }
  }
}

variable "caller_numbers" {
  type    = list(string)
  default = ["+912250001001", "+912250001002"]
}
