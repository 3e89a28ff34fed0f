# "Is this campaign calling now?" needs more than the calling window: the
# campaign must be active, and the plan's time between its start and end.
# HCL evaluates both sides of && and ||, so a null start or end is replaced
# by the plan's own time (no limit) rather than tested.
data "sarvam_campaign" "gate" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

locals {
  now = plantimestamp()
  calling_now = alltrue([
    data.sarvam_campaign.gate.status == "active",
    timecmp(coalesce(data.sarvam_campaign.gate.start_timestamp, local.now), local.now) <= 0,
    timecmp(local.now, coalesce(data.sarvam_campaign.gate.end_timestamp, timeadd(local.now, "1s"))) < 0,
    provider::sarvam::calling_window_open(data.sarvam_campaign.gate.allowed_schedule, local.now),
  ])
}

output "calling_now" {
  value = local.calling_now
}

# Refuse to redeploy the webhook receiver while the campaign is calling.
resource "terraform_data" "webhook_receiver" {
  input = var.receiver_image

  lifecycle {
    precondition {
      condition     = !local.calling_now
      error_message = "Campaign ${data.sarvam_campaign.gate.name} is calling now; apply after its calling window closes."
    }
  }
}

variable "receiver_image" {
  type    = string
  default = "registry.example.in/webhook-receiver:1.4.2"
}
