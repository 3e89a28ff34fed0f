data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

# Warn when an apply runs while the campaign may be placing calls.
check "outside_calling_window" {
  assert {
    condition     = !provider::sarvam::calling_window_open(data.sarvam_campaign.reminders.allowed_schedule, plantimestamp())
    error_message = "Campaign ${data.sarvam_campaign.reminders.name} is inside its calling window: calls may be in progress."
  }
}

# Refuse to redeploy the webhook receiver while the campaign is calling.
resource "terraform_data" "webhook_receiver" {
  input = var.receiver_image

  lifecycle {
    precondition {
      condition     = !provider::sarvam::calling_window_open(data.sarvam_campaign.reminders.allowed_schedule, plantimestamp())
      error_message = "Campaign ${data.sarvam_campaign.reminders.name} is calling until ${provider::sarvam::next_calling_window(data.sarvam_campaign.reminders.allowed_schedule, plantimestamp()).closes_at}; apply after that."
    }
  }
}

variable "receiver_image" {
  type    = string
  default = "registry.example.in/webhook-receiver:1.4.2"
}

# A literal schedule works too: a window from 22:00 to 06:00 belongs to the
# day it opens, so 02:00 on Saturday is inside Friday's window.
output "friday_night_open" {
  value = provider::sarvam::calling_window_open({
    allowed_start_time = "22:00"
    allowed_end_time   = "06:00"
    allowed_days       = ["Friday"]
    timezone           = "Asia/Kolkata"
  }, "2025-03-15T02:00:00+05:30") # true
}
